package org.omnisila.engine.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The small blocks against hand computations, and the shapes of the whole model. */
class LlamaBlocksTest {

    @Test
    void rmsNormDividesByTheRootMeanSquareAndScales() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            // x = [3, 4]: mean square (9 + 16) / 2 = 12.5; x / sqrt(12.5 + eps) = [0.848528, 1.131371]
            NDArray out = RmsNorm.rmsNorm(m.create(new float[] {3, 4}), m.create(new float[] {2, 0.5f}), 1e-6);
            double r = Math.sqrt(12.5 + 1e-6);
            assertArrayEquals(new float[] {(float) (2 * 3 / r), (float) (0.5 * 4 / r)}, out.toFloatArray(), 1e-6f);
            // eps matters when x is small: x = [0, 0.001], eps 1e-6 -> 0.001 / sqrt(5e-7 + 1e-6)
            NDArray small = RmsNorm.rmsNorm(m.create(new float[] {0, 0.001f}), m.create(new float[] {1, 1}), 1e-6);
            assertEquals(0.001 / Math.sqrt(1.5e-6), small.toFloatArray()[1], 1e-5);
        }
    }

    @Test
    void rotaryTurnsPairsIAndIPlusHalfByPositionTimesFrequency() {
        // D = 4, theta = 10000: frequencies 1 and 10000^(-1/2) = 0.01; pairs (0, 2) and (1, 3)
        LlamaConfig c = new LlamaConfig(8, 8, 1, 2, 2, 1e-5, 10000, 10, 16, false);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            RotaryEmbedding rope = new RotaryEmbedding(c);
            RotaryEmbedding.Angles a = rope.angles(m.create(new long[] {0, 2}, new Shape(1, 2)), DataType.FLOAT32);
            NDArray x = m.create(new float[] {1, 2, 3, 4, 1, 2, 3, 4}, new Shape(1, 1, 2, 4)); // [B, h, T, D]
            float[] out = RotaryEmbedding.rotate(x, a).toFloatArray();
            double c2 = Math.cos(2);
            double s2 = Math.sin(2);
            double c02 = Math.cos(0.02);
            double s02 = Math.sin(0.02);
            float[] expected = {1, 2, 3, 4, // position 0: unchanged
                (float) (1 * c2 - 3 * s2), (float) (2 * c02 - 4 * s02), (float) (3 * c2 + 1 * s2),
                (float) (4 * c02 + 2 * s02)};
            assertArrayEquals(expected, out, 1e-6f);
        }
    }

    @Test
    void rotatedDotProductsDependOnlyOnTheDistance() {
        LlamaConfig c = new LlamaConfig(16, 8, 1, 2, 2, 1e-5, 10000, 10, 64, false);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            m.getEngine().setRandomSeed(3);
            RotaryEmbedding rope = new RotaryEmbedding(c);
            NDArray q = m.randomNormal(new Shape(1, 1, 1, 8));
            NDArray k = m.randomNormal(new Shape(1, 1, 1, 8));
            float near = dot(rope, q, 3, k, 1);
            float far = dot(rope, q, 40, k, 38);
            assertEquals(near, far, 1e-4f);
        }
    }

    private static float dot(RotaryEmbedding rope, NDArray q, long qAt, NDArray k, long kAt) {
        NDManager m = q.getManager();
        NDArray rq = RotaryEmbedding.rotate(q, rope.angles(m.create(new long[] {qAt}, new Shape(1, 1)),
                DataType.FLOAT32));
        NDArray rk = RotaryEmbedding.rotate(k, rope.angles(m.create(new long[] {kAt}, new Shape(1, 1)),
                DataType.FLOAT32));
        return rq.mul(rk).sum().getFloat();
    }

    @Test
    void groupedKeyValueHeadsServeConsecutiveQueryHeads() {
        // K = 2 heads for H = 4: repeat_kv gives query heads 0, 1 the first KV head and 2, 3 the second, so the
        // same attention with K = H and each KV head's weights copied to its group must give the same output.
        LlamaConfig grouped = new LlamaConfig(16, 8, 1, 4, 2, 1e-5, 10000, 10, 16, false);
        LlamaConfig full = new LlamaConfig(16, 8, 1, 4, 4, 1e-5, 10000, 10, 16, false);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            m.getEngine().setRandomSeed(5);
            LlamaAttention a = new LlamaAttention(grouped, 0);
            a.initialize(m, DataType.FLOAT32, new Shape(1, 1));
            LlamaAttention b = new LlamaAttention(full, 0);
            b.initialize(m, DataType.FLOAT32, new Shape(1, 1));
            copy(a, b, "q_proj", false);
            copy(a, b, "o_proj", false);
            copy(a, b, "k_proj", true);
            copy(a, b, "v_proj", true);
            NDArray x = m.randomNormal(new Shape(2, 5, 16));
            NDList inputs = causalInputs(m, grouped, x);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray outA = a.forward(ps, inputs, false).head();
            NDArray outB = b.forward(ps, inputs, false).head();
            assertEquals(new Shape(2, 5, 16), outA.getShape());
            assertArrayEquals(outB.toFloatArray(), outA.toFloatArray(), 1e-5f);
        }
    }

    /** Copies child {@code name}'s weight of a into b, each KV head's rows twice when {@code repeat}. */
    private static void copy(LlamaAttention a, LlamaAttention b, String name, boolean repeat) {
        NDArray from = a.getChildren().get(childKey(a, name)).getParameters().get("weight").getArray();
        NDArray to = b.getChildren().get(childKey(b, name)).getParameters().get("weight").getArray();
        NDArray value = from;
        if (repeat) { // [K*D, d] -> [K, 1, D, d] -> [K, 2, D, d] -> [2K*D, d]
            Shape s = from.getShape();
            value = from.reshape(2, 1, s.get(0) / 2, s.get(1)).repeat(1, 2).reshape(to.getShape());
        }
        to.set(value.toFloatArray());
    }

    private static String childKey(LlamaAttention block, String name) {
        return block.getChildren().keys().stream().filter(k -> k.endsWith(name)).findFirst().orElseThrow();
    }

    /** x, cos, sin and a causal bias for positions 0..T-1 of every sequence. */
    static NDList causalInputs(NDManager m, LlamaConfig config, NDArray x) {
        Shape s = x.getShape();
        NDArray keyMask = m.ones(new Shape(s.get(0), s.get(1)), DataType.INT64);
        AttentionMask.Step step = AttentionMask.of(keyMask, (int) s.get(1));
        RotaryEmbedding.Angles angles = new RotaryEmbedding(config).angles(step.positions(), DataType.FLOAT32);
        return new NDList(x, angles.cos(), angles.sin(), step.bias());
    }

    @Test
    void maskCountsPositionsFromTheFirstRealTokenAndHidesPaddingAndTheFuture() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray keyMask = m.create(new long[] {0, 0, 1, 1, 1, 1, 1, 1}, new Shape(2, 4)); // row 0 left-padded
            AttentionMask.Step step = AttentionMask.of(keyMask, 2); // the last two keys are new
            assertArrayEquals(new long[] {0, 1, 2, 3}, step.positions().toLongArray());
            assertEquals(new Shape(2, 1, 2, 4), step.bias().getShape());
            float min = -Float.MAX_VALUE;
            assertArrayEquals(new float[] {min, min, 0, min, min, min, 0, 0, // row 0: no padding, no future
                0, 0, 0, min, 0, 0, 0, 0}, step.bias().toFloatArray());
        }
    }

    @Test
    void modelShapesAndParameterNamesFollowTheConfig() {
        LlamaConfig c = LlmFixtures.tinyConfig();
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            LlamaForCausalLM model = RandomLlama.create(c, m, 1, 0.1f);
            NDArray ids = m.create(new long[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            NDArray logits = model.forward(new ParameterStore(m, false), new NDList(ids), false).head();
            assertEquals(new Shape(2, 3, 101), logits.getShape());
            assertArrayEquals(new Shape[] {new Shape(2, 3, 101)}, model.getOutputShapes(new Shape[] {ids.getShape()}));
            assertEquals(MemoryEstimate.parameters(c), model.getParameters().values().stream()
                    .mapToLong(p -> p.getArray().size()).sum());
            assertEquals(2 + 2 * 9 + 1, model.getParameters().size()); // embed, head; 9 per layer; final norm
        }
    }

    @Test
    void tiedModelsHaveNoHeadAndMultiplyWithTheEmbedding() {
        LlamaConfig c = new LlamaConfig(16, 8, 1, 2, 1, 1e-5, 10000, 11, 16, true);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            LlamaForCausalLM model = RandomLlama.create(c, m, 2, 0.5f);
            assertEquals(1 + 9 + 1, model.getParameters().size());
            NDArray ids = m.create(new long[] {3, 7}, new Shape(1, 2));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray logits = model.logits(ps, ids, null, null, false, false); // [1, 2, 11]
            // the logit of token v is the final hidden state times E[v]
            LlamaModel decoder = (LlamaModel) model.getChildren().get(0).getValue();
            NDArray hidden = decoder.apply(ps, ids, null, null, false); // [1, 2, 16]
            NDArray embedding = model.getParameters().get(0).getValue().getArray(); // [11, 16]
            assertEquals(new Shape(11, 16), embedding.getShape());
            assertArrayEquals(hidden.matMul(embedding.transpose()).toFloatArray(), logits.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void aPrefixOfTheSequenceGivesThePrefixLogits() {
        // causality: the logits at positions 0..3 do not depend on what comes after
        LlamaConfig c = LlmFixtures.tinyConfig();
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            LlamaForCausalLM model = RandomLlama.create(c, m, 4, 0.2f);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray all = model.logits(ps, m.create(new long[] {5, 9, 13, 17, 21, 25}, new Shape(1, 6)), null, null,
                    false, false);
            NDArray prefix = model.logits(ps, m.create(new long[] {5, 9, 13, 17}, new Shape(1, 4)), null, null,
                    false, false);
            assertArrayEquals(prefix.toFloatArray(), all.get(":, :4, :").toFloatArray(), 1e-5f);
        }
    }
}
