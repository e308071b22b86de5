package org.omnisila.engine.llm.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The loss against torch's {@code F.cross_entropy(ignore_index=-100)} on the shifted logits and labels
 * (tuning_reference.py), its gradient against torch's autograd and against softmax - onehot by hand.
 */
class MaskedLmLossTest {
    private static final double TOLERANCE = 1e-4;

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    @Test
    void lossAndGradientEqualPyTorch() {
        JsonNode ref = TuningFixtures.expected().get("loss");
        JsonNode s = ref.get("shape");
        Shape shape = new Shape(s.get(0).asLong(), s.get(1).asLong(), s.get(2).asLong());
        float[] expectedGrad = floats(ref.get("grad"));
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray logits = manager.create(floats(ref.get("logits")), shape);
            NDArray labels = manager.create(TuningFixtures.longs(ref.get("labels")), new Shape(shape.get(0),
                    shape.get(1)));
            logits.setRequiresGradient(true);
            float loss;
            try (GradientCollector g = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray l = MaskedLmLoss.loss(logits, labels);
                loss = l.getFloat();
                g.backward(l);
            }
            assertEquals(ref.get("loss").asDouble(), loss, TOLERANCE);
            assertEquals(ref.get("supervised").asLong(), MaskedLmLoss.supervised(labels));
            float[] grad = logits.getGradient().toFloatArray();
            double max = 0;
            for (int i = 0; i < grad.length; i++) {
                max = Math.max(max, Math.abs(grad[i] - expectedGrad[i]));
            }
            assertTrue(max <= TOLERANCE, "gradient differs by " + max);
            System.out.printf("MaskedLmLoss vs torch: loss %.3g, gradient max abs diff %.3g%n",
                    Math.abs(ref.get("loss").asDouble() - loss), max);
        }
    }

    /** One example, T = 3, V = 4: loss = mean over the two supervised positions of -log softmax[label], by hand. */
    @Test
    void byHandWithSoftmaxMinusOneHotGradient() {
        float[][] rows = {{1, 2, 3, 4}, {0, 0, 0, 0}, {5, 1, 1, 1}};
        long[] labels = {-100, 3, 0}; // position 0 predicts label 3, position 1 predicts label 0; row 2 unused
        double expected = 0;
        double[][] grad = new double[3][4];
        for (int t = 0; t < 2; t++) {
            double z = 0;
            for (float v : rows[t]) {
                z += Math.exp(v);
            }
            int y = (int) labels[t + 1];
            expected += -(rows[t][y] - Math.log(z)) / 2;
            for (int k = 0; k < 4; k++) {
                grad[t][k] = (Math.exp(rows[t][k]) / z - (k == y ? 1 : 0)) / 2;
            }
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            float[] flat = new float[12];
            for (int t = 0; t < 3; t++) {
                System.arraycopy(rows[t], 0, flat, t * 4, 4);
            }
            // fp16 logits are upcast: the loss is float32 whatever comes in
            NDArray logits = manager.create(flat, new Shape(1, 3, 4)).toType(DataType.FLOAT16, false)
                    .toType(DataType.FLOAT32, false);
            logits.setRequiresGradient(true);
            NDArray lab = manager.create(labels, new Shape(1, 3));
            try (GradientCollector g = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray l = MaskedLmLoss.loss(logits, lab);
                assertEquals(DataType.FLOAT32, l.getDataType());
                assertEquals(expected, l.getFloat(), 1e-6);
                g.backward(l);
            }
            float[] got = logits.getGradient().toFloatArray();
            for (int t = 0; t < 3; t++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(grad[t][k], got[t * 4 + k], 1e-6, "d loss / d logits[" + t + "][" + k + "]");
                }
            }
            // the sum is the mean times the count (for accumulating micro-batches)
            assertEquals(expected * 2, MaskedLmLoss.sum(logits, lab).getFloat(), 1e-5);
            NDArray f16 = manager.create(flat, new Shape(1, 3, 4)).toType(DataType.FLOAT16, false);
            assertEquals(DataType.FLOAT32, MaskedLmLoss.loss(f16, lab).getDataType());
        }
    }

    @Test
    void nothingSupervisedIsNaNAsInPyTorchAndWrongShapesAreRefused() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray logits = manager.ones(new Shape(1, 3, 4));
            NDArray none = manager.create(new long[] {-100, -100, -100}, new Shape(1, 3));
            assertTrue(Float.isNaN(MaskedLmLoss.loss(logits, none).getFloat()));
            assertEquals(0.0, MaskedLmLoss.sum(logits, none).getFloat(), 0.0); // -0.0 == 0.0 here
            assertThrows(IllegalArgumentException.class,
                    () -> MaskedLmLoss.loss(logits, manager.zeros(new Shape(1, 4), DataType.INT64)));
            NDArray outside = manager.create(new long[] {-100, 4, 1}, new Shape(1, 3));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MaskedLmLoss.loss(logits, outside));
            assertEquals("label 4 at flat position 1 is neither -100 nor a token id of the vocabulary of 4",
                    e.getMessage());
        }
    }
}
