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
import ai.djl.training.initializer.NormalInitializer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Eq. (4) with the prior as an additive log-prior: uniform = plain attention; otherwise w_k ~ p_k w_k. */
class CrossSamplingAttentionTest {

    private static final int B = 2;
    private static final int T = 3;
    private static final int D = 4;
    private static final int K = 5;
    private static final float[] SKEWED = {0.05f, 0.1f, 0.15f, 0.3f, 0.4f};

    @Test
    void uniformPriorEqualsPlainAttentionOverTheDictionary() {
        float[][] centres = random(K, D, 3);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            CrossSamplingAttention block = initialised(manager);
            block.setDictionary(new CausalDictionary(centres, uniform()));
            float[] x = AttentionReference.flat(random(B * T, D, 4));
            NDArray out = block.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(x, new Shape(B, T, D))), false).head();

            assertArrayEquals(new long[] {B, T, D}, out.getShape().getShape());
            float[] actual = out.toFloatArray();
            for (int b = 0; b < B; b++) {
                float[][] xb = AttentionReference.rows(x, b * T * D, T, D);
                float[] expected = AttentionReference.flat(AttentionReference.attend(block, xb, centres, D, 1, null));
                float[] got = java.util.Arrays.copyOfRange(actual, b * T * D, (b + 1) * T * D);
                assertArrayEquals(expected, got, 1e-5f, "batch " + b);
            }
        }
    }

    @Test
    void nonUniformPriorMultipliesTheWeightsByThePrior() {
        float[][] centres = random(K, D, 5);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            CrossSamplingAttention block = initialised(manager);
            ParameterStore ps = new ParameterStore(manager, false);
            float[] x = AttentionReference.flat(random(B * T, D, 6));
            NDArray m = manager.create(x, new Shape(B, T, D));
            block.setDictionary(new CausalDictionary(centres, uniform()));
            float[] plain = block.attentionWeights(ps, m).toFloatArray(); // [B, 1, T, K]
            block.setDictionary(new CausalDictionary(centres, SKEWED));
            float[] skewed = block.attentionWeights(ps, m).toFloatArray();
            float[] out = block.forward(ps, new NDList(m), false).head().toFloatArray();

            double largestShift = 0;
            for (int row = 0; row < B * T; row++) {
                double norm = 0;
                for (int k = 0; k < K; k++) {
                    norm += SKEWED[k] * plain[row * K + k];
                }
                for (int k = 0; k < K; k++) {
                    double expected = SKEWED[k] * plain[row * K + k] / norm; // the hand formula
                    assertEquals(expected, skewed[row * K + k], 1e-5, "row " + row + " entry " + k);
                    largestShift = Math.max(largestShift, Math.abs(skewed[row * K + k] - plain[row * K + k]));
                }
            }
            assertTrue(largestShift > 0.05, "the prior should move the weights, moved " + largestShift);

            float[] logPrior = new float[K];
            for (int k = 0; k < K; k++) {
                logPrior[k] = (float) Math.log(SKEWED[k]);
            }
            for (int b = 0; b < B; b++) {
                float[][] xb = AttentionReference.rows(x, b * T * D, T, D);
                float[] expected = AttentionReference.flat(
                        AttentionReference.attend(block, xb, centres, D, 1, logPrior));
                assertArrayEquals(expected, java.util.Arrays.copyOfRange(out, b * T * D, (b + 1) * T * D), 1e-5f);
            }
        }
    }

    @Test
    void forwardWithoutDictionaryOrWithWrongWidthFails() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            CrossSamplingAttention block = initialised(manager);
            NDList input = new NDList(manager.zeros(new Shape(B, T, D)));
            ParameterStore ps = new ParameterStore(manager, false);
            IllegalStateException missing = assertThrows(IllegalStateException.class,
                    () -> block.forward(ps, input, false));
            assertTrue(missing.getMessage().contains("setDictionary"), missing.getMessage());

            block.setDictionary(new CausalDictionary(random(K, D + 1, 1), uniform()));
            IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                    () -> block.forward(ps, input, false));
            assertTrue(wide.getMessage().contains("dictionary width 5"), wide.getMessage());
        }
    }

    private static CrossSamplingAttention initialised(NDManager manager) {
        Engine.getEngine("PyTorch").setRandomSeed(13);
        CrossSamplingAttention block = CrossSamplingAttention.builder().setUnits(D).build();
        block.setInitializer(new NormalInitializer(0.5f), Parameter.Type.BIAS);
        block.initialize(manager, DataType.FLOAT32, new Shape(B, T, D));
        return block;
    }

    private static float[] uniform() {
        float[] p = new float[K];
        java.util.Arrays.fill(p, 1f / K);
        return p;
    }

    private static float[][] random(int rows, int cols, long seed) {
        Random random = new Random(seed);
        float[][] out = new float[rows][cols];
        for (float[] row : out) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) (2 * random.nextGaussian());
            }
        }
        return out;
    }
}
