package org.omnisila.engine.icm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;

class CueAttributionTest {
    private static final int S = 3;
    private static final IcmConfig TINY = new IcmConfig(IcmConfig.VERSION, "tiny", List.of(4, 6, 2, 4), 8, 16, 1, 4,
            4, 1, 0, 1e-4, 1e-2, List.of("Fighting", "Fire", "Normal"));

    private static Shape[] shapes() {
        Shape[] s = new Shape[4];
        for (int j = 0; j < 4; j++) {
            s[j] = new Shape(S, 8, TINY.sceneWidth(j));
        }
        return s;
    }

    private static IcmModel model(NDManager manager, NDList inputs) {
        Engine.getEngine("PyTorch").setRandomSeed(5);
        IcmModel m = new IcmModel(TINY, IcmModel.Variant.FULL);
        m.initialize(manager, DataType.FLOAT32, shapes());
        NDArray embeddings = m.fusedEmbeddings(new ParameterStore(manager, false), inputs);
        m.iec().setDictionary(CausalDictionary.build(embeddings,
                KMeans.builder().optClusters(TINY.dictionarySize()).optSeed(1).build()));
        return m;
    }

    private static NDList inputs(NDManager manager) {
        manager.getEngine().setRandomSeed(11);
        NDList x = new NDList();
        for (Shape s : shapes()) {
            x.add(manager.randomNormal(s));
        }
        return x;
    }

    /** sum_s log p(top_s) with the top labels fixed, computed without autograd. */
    private static double objective(IcmModel m, NDList x, int[] top) {
        float[] logp = m.forward(new ParameterStore(x.head().getManager(), false), x, false).get(0).logSoftmax(-1)
                .toFloatArray();
        int c = TINY.labels().size();
        double sum = 0;
        for (int s = 0; s < top.length; s++) {
            sum += logp[s * c + top[s]];
        }
        return sum;
    }

    @Test
    void relevanceLeavesNothingOnTheModelsManager() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            IcmModel m;
            try (NDManager pass = manager.newSubManager()) {
                m = model(manager, inputs(pass));
            }
            // one call per analysed video; clearing the parameters' gradients must not leave their handles, or
            // the zero that set() creates, on the parameters' manager
            int[] counts = new int[5];
            for (int call = 0; call < counts.length; call++) {
                try (NDManager pass = manager.newSubManager()) {
                    CueAttribution.relevance(m, inputs(pass));
                }
                counts[call] = org.omnisila.engine.llm.ManagerLeaks.count(manager);
            }
            assertEquals(counts[1], counts[4], () -> java.util.Arrays.toString(counts) + ": "
                    + org.omnisila.engine.llm.ManagerLeaks.describe(manager));
        }
    }

    @Test
    void relevanceIsInputTimesTheFiniteDifferenceGradient() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDList x = inputs(manager);
            IcmModel m = model(manager, x);
            NDArray probs = m.forward(new ParameterStore(manager, false), x, false).get(0);
            int[] top = probs.argMax(1).toType(DataType.INT32, false).toIntArray();
            NDList r = CueAttribution.relevance(m, x);

            for (int j = 0; j < 4; j++) {
                assertEquals(x.get(j).getShape(), r.get(j).getShape());
            }
            // Central differences in double over float32 forwards, at the 6 elements of largest |R| per scene
            // (where the comparison means something) and eps 1e-2: truncation and rounding stay below 2e-3.
            double eps = 1e-2;
            int checked = 0;
            for (int j = 0; j < 4; j++) {
                float[] rel = r.get(j).toFloatArray();
                float[] values = x.get(j).toFloatArray();
                Integer[] order = new Integer[rel.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                java.util.Arrays.sort(order, (a, b) -> Float.compare(Math.abs(rel[b]), Math.abs(rel[a])));
                for (int n = 0; n < 6; n++) {
                    int i = order[n];
                    double[] f = new double[2];
                    for (int side = 0; side < 2; side++) {
                        float[] moved = values.clone();
                        moved[i] += (float) (side == 0 ? eps : -eps);
                        NDList y = new NDList(x);
                        y.set(j, manager.create(moved, x.get(j).getShape()));
                        f[side] = objective(m, y, top);
                    }
                    double gradient = (f[0] - f[1]) / (2 * eps);
                    assertEquals(values[i] * gradient, rel[i], 2e-3 + 0.02 * Math.abs(rel[i]),
                            "scene " + j + " element " + i);
                    checked++;
                }
            }
            assertEquals(24, checked);
        }
    }

    @Test
    void leavesNoGradientOnTheParametersAndTheInputsUnchanged() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDList x = inputs(manager);
            float[] before = x.get(1).toFloatArray();
            IcmModel m = model(manager, x);
            CueAttribution.relevance(m, x);
            for (Pair<String, Parameter> p : m.getParameters()) {
                NDArray w = p.getValue().getArray();
                if (w.hasGradient()) {
                    assertEquals(0f, w.getGradient().abs().sum().getFloat(), p.getKey());
                }
            }
            assertArrayEquals(before, x.get(1).toFloatArray(), 0f);
        }
    }

    @Test
    void slotWeightsSumEachSlotAndKeepTheSupportingPart() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            // one segment, two frames, d = 4 as two slots of two values
            NDArray r = manager.create(new float[] {1f, 2f, -3f, 1f, /* frame 2 */ -1f, 0.5f, 0.25f, 0.25f},
                    new Shape(1, 2, 4));
            float[][][] w = CueAttribution.slotWeights(r, 2);
            assertArrayEquals(new float[] {3f, 0f}, w[0][0], 1e-6f); // 1+2; -3+1 = -2 -> 0
            assertArrayEquals(new float[] {0f, 0.5f}, w[0][1], 1e-6f); // -0.5 -> 0; 0.5
            float[][][] whole = CueAttribution.slotWeights(r, 1);
            assertArrayEquals(new float[] {1f}, whole[0][0], 1e-6f); // 1 + 2 - 3 + 1
            assertArrayEquals(new float[] {0f}, whole[0][1], 1e-6f); // -1 + 0.5 + 0.25 + 0.25
            assertThrows(IllegalArgumentException.class, () -> CueAttribution.slotWeights(r, 3));
        }
    }
}
