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
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** y_iec = FFN(y_m + y_x) on a tiny configuration (B 2, T 8, d 16, 2 heads, K 4). */
class ImplicitEnhancedCausalTest {

    private static final Shape M = new Shape(2, 8, 16);

    @Test
    void outputShapeAndEveryParameterGetsAGradient() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ImplicitEnhancedCausal block = initialised(manager, 5);
            NDArray m = manager.randomNormal(M);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray out = block.forward(new ParameterStore(manager, false), new NDList(m), true).head();
                assertEquals(M, out.getShape());
                collector.backward(out.sum());
            }
            assertEquals(2 * 5 + 4, block.getParameters().size(), block.getParameters().keys().toString());
            for (Pair<String, Parameter> p : block.getParameters()) {
                float gradient = p.getValue().getArray().getGradient().abs().sum().getFloat();
                assertTrue(gradient > 1e-6f, p.getKey() + " has gradient " + gradient);
            }
        }
    }

    @Test
    void missingDictionaryGivesTheMessage() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ImplicitEnhancedCausal block = initialised(manager, 5);
            block.setDictionary(null);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> block.forward(new ParameterStore(manager, false), new NDList(manager.ones(M)), false));
            assertTrue(e.getMessage().contains("no causal dictionary"), e.getMessage());
            assertThrows(IllegalStateException.class, block::expectation);
            IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                    () -> block.setDictionary(new CausalDictionary(new float[][] {{1, 2}}, new float[] {1})));
            assertTrue(wide.getMessage().contains("width 2"), wide.getMessage());
        }
    }

    @Test
    void fixedSeedGivesTheSameOutputAndExpectationIsTheDictionaryMean() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray m = manager.create(embeddings(16, 9)).reshape(M);
            ParameterStore ps = new ParameterStore(manager, false);
            float[] first = initialised(manager, 5).forward(ps, new NDList(m), false).head().toFloatArray();
            ImplicitEnhancedCausal again = initialised(manager, 5);
            assertArrayEquals(first, again.forward(ps, new NDList(m), false).head().toFloatArray(), 0f);
            float[] other = initialised(manager, 6).forward(ps, new NDList(m), false).head().toFloatArray();
            assertTrue(maxDifference(first, other) > 1e-3, "another seed should give other weights");

            assertArrayEquals(again.getDictionary().expectation(), again.expectation(), 0f);
            assertArrayEquals(new long[] {16}, again.expectation(manager).getShape().getShape());
        }
    }

    @Test
    void builderRejectsBadSettingsWithTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImplicitEnhancedCausal.builder().setUnits(16).optHeads(3).build());
        assertTrue(e.getMessage().contains("units=16, heads=3"), e.getMessage());
        IllegalArgumentException ffn = assertThrows(IllegalArgumentException.class,
                () -> ImplicitEnhancedCausal.builder().setUnits(16).optFfnMultiplier(0).build());
        assertTrue(ffn.getMessage().contains("got 0"), ffn.getMessage());
    }

    @Test
    void diagnosticPathsUseOneAttentionAndZeroInitStartsAtZero() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray m = manager.create(embeddings(16, 9)).reshape(M);
            ParameterStore ps = new ParameterStore(manager, false);
            ImplicitEnhancedCausal both = initialised(manager, 5, ImplicitEnhancedCausal.builder());
            ImplicitEnhancedCausal self = initialised(manager, 5,
                    ImplicitEnhancedCausal.builder().optPaths(ImplicitEnhancedCausal.Paths.SELF_ONLY));
            ImplicitEnhancedCausal cross = initialised(manager, 5,
                    ImplicitEnhancedCausal.builder().optPaths(ImplicitEnhancedCausal.Paths.CROSS_ONLY));
            // Same seed, same weights: FFN_in is linear, so FFN_in(y_m + y_x) = FFN_in(y_m) + FFN_in(y_x) - b.
            // Checked before the GELU by reading ffn_in directly would need internals; instead each one-path block
            // must differ from the full one and from each other, and the self-only one ignores the dictionary.
            float[] full = both.forward(ps, new NDList(m), false).head().toFloatArray();
            float[] selfOut = self.forward(ps, new NDList(m), false).head().toFloatArray();
            float[] crossOut = cross.forward(ps, new NDList(m), false).head().toFloatArray();
            assertTrue(maxDifference(full, selfOut) > 1e-4 && maxDifference(full, crossOut) > 1e-4
                    && maxDifference(selfOut, crossOut) > 1e-4);
            self.setDictionary(new CausalDictionary(new float[][] {new float[16]}, new float[] {1}));
            assertArrayEquals(selfOut, self.forward(ps, new NDList(m), false).head().toFloatArray(), 0f);
            cross.setDictionary(new CausalDictionary(new float[][] {new float[16]}, new float[] {1}));
            assertTrue(maxDifference(crossOut, cross.forward(ps, new NDList(m), false).head().toFloatArray()) > 1e-4);

            ImplicitEnhancedCausal zero = initialised(manager, 5, ImplicitEnhancedCausal.builder().optZeroOutput(true));
            NDArray out = zero.forward(ps, new NDList(m), false).head();
            assertEquals(0f, out.abs().max().getFloat(), 0f);
        }
    }

    /** A block initialised with engine seed {@code seed} and a K = 4 dictionary of 40 embeddings. */
    private static ImplicitEnhancedCausal initialised(NDManager manager, int seed) {
        return initialised(manager, seed, ImplicitEnhancedCausal.builder());
    }

    private static ImplicitEnhancedCausal initialised(NDManager manager, int seed,
                                                      ImplicitEnhancedCausal.Builder builder) {
        Engine.getEngine("PyTorch").setRandomSeed(seed);
        ImplicitEnhancedCausal block = builder.setUnits(16).optHeads(2).build();
        block.initialize(manager, DataType.FLOAT32, M);
        float[][] training = new float[40][];
        float[] flat = embeddings(40, 1);
        for (int i = 0; i < 40; i++) {
            training[i] = java.util.Arrays.copyOfRange(flat, i * 16, (i + 1) * 16);
        }
        block.setDictionary(CausalDictionary.build(training, KMeans.builder().optClusters(4).optSeed(1).build()));
        return block;
    }

    private static float[] embeddings(int rows, long seed) {
        Random random = new Random(seed);
        float[] out = new float[rows * 16];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
