package org.omnisila.engine.icm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.omnisila.engine.icm.SbmFixtures.B;
import static org.omnisila.engine.icm.SbmFixtures.D;
import static org.omnisila.engine.icm.SbmFixtures.T;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SceneBalancedMoETest {

    @Test
    void shapesOnTheTinyConfig() {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            SceneBalancedMoE block = SbmFixtures.initialised(manager, SbmFixtures.moe(), 11);
            ParameterStore ps = new ParameterStore(manager, false);
            NDList inputs = SbmFixtures.inputs(manager, 1);
            NDList out = block.forward(ps, inputs, false);
            assertEquals(2, out.size());
            assertEquals(new Shape(B, T, D), out.get(0).getShape());
            assertEquals(new Shape(B, 4), out.get(1).getShape());
            assertArrayEquals(out.getShapes(), block.getOutputShapes(SbmFixtures.inputShapes()));
            NDList experts = block.expertOutputs(ps, inputs, false);
            assertEquals(4, experts.size());
            for (NDArray e : experts) {
                assertEquals(new Shape(B, T, D), e.getShape());
            }
            // DJL prefixes child names with their position: 01face, 02action, ...
            assertEquals(List.of("face", "action", "object", "background", "router", "norm"),
                    block.getChildren().keys().stream().map(SceneBalancedMoETest::unprefixed).toList());
            // P rows are distributions
            assertArrayEquals(new float[] {1f, 1f}, out.get(1).sum(new int[] {1}).toFloatArray(), 1e-6f);
        }
    }

    /*
     * The loss is a fixed random weighting of y_moe plus L_rb. A plain sum of y_moe would not do:
     * with LayerNorm's gamma at its initial 1, sum_i xhat_i = 0 for every position, so sum(y_moe)
     * = B T sum_i beta_i and no gradient reaches the experts or the router through it.
     */
    @Test
    void everyParameterGetsAGradient() {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            SceneBalancedMoE block = SbmFixtures.initialised(manager, SbmFixtures.moe(), 12);
            backward(manager, block);
            List<String> without = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (gradientSize(p.getValue()) == 0f) {
                    without.add(p.getKey());
                }
            }
            assertTrue(without.isEmpty(), "no gradient for " + without);
            assertTrue(block.getParameters().size() > 40, "parameters: " + block.getParameters().size());
        }
    }

    @Test
    void averagedModeLeavesTheRouterOut() {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            SceneBalancedMoE block = SbmFixtures.initialised(manager, SbmFixtures.moe().optAveraged(true), 13);
            assertTrue(block.isAveraged());
            NDList out = backward(manager, block);
            assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f},
                    out.get(1).toFloatArray(), 0f);
            List<String> without = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                boolean routerParameter = unprefixed(p.getKey()).startsWith("router_");
                if ((gradientSize(p.getValue()) == 0f) != routerParameter) {
                    without.add(p.getKey());
                }
            }
            assertTrue(without.isEmpty(), "wrong gradient presence for " + without);
        }
    }

    /** y_moe against LayerNorm(sum_j P_j E_j) recomputed in Java from the expert outputs and P. */
    @Test
    void outputIsTheNormalisedGatedSum() {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            SceneBalancedMoE block = SbmFixtures.initialised(manager, SbmFixtures.moe(), 14);
            // give the final norm non-trivial gamma and beta so that they are checked too
            Random random = new Random(15);
            NDArray gamma = parameter(block, "norm_gamma");
            NDArray beta = parameter(block, "norm_beta");
            gamma.set(FloatBuffer.wrap(SbmFixtures.array(manager, new Shape(D), random).add(1).toFloatArray()));
            beta.set(FloatBuffer.wrap(SbmFixtures.array(manager, new Shape(D), random).toFloatArray()));
            ParameterStore ps = new ParameterStore(manager, false);
            NDList inputs = SbmFixtures.inputs(manager, 2);
            NDList out = block.forward(ps, inputs, false);
            float[][] e = new float[4][];
            NDList experts = block.expertOutputs(ps, inputs, false);
            for (int j = 0; j < 4; j++) {
                e[j] = experts.get(j).toFloatArray();
            }
            float[] p = out.get(1).toFloatArray();
            float[] g = gamma.toFloatArray();
            float[] b = beta.toFloatArray();
            float[] expected = new float[B * T * D];
            for (int n = 0; n < B; n++) {
                for (int t = 0; t < T; t++) {
                    double[] s = new double[D];
                    for (int j = 0; j < 4; j++) {
                        for (int i = 0; i < D; i++) {
                            s[i] += p[n * 4 + j] * e[j][(n * T + t) * D + i];
                        }
                    }
                    double mean = 0;
                    for (double v : s) {
                        mean += v / D;
                    }
                    double var = 0;
                    for (double v : s) {
                        var += (v - mean) * (v - mean) / D;
                    }
                    for (int i = 0; i < D; i++) {
                        expected[(n * T + t) * D + i] = (float) ((s[i] - mean) / Math.sqrt(var + 1e-5) * g[i] + b[i]);
                    }
                }
            }
            assertArrayEquals(expected, out.get(0).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void saveAndLoadGiveIdenticalOutputs() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            SceneBalancedMoE saved = SbmFixtures.initialised(manager, SbmFixtures.moe(), 16);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                saved.saveParameters(out);
            }
            SceneBalancedMoE loaded = SbmFixtures.initialised(manager, SbmFixtures.moe(), 17);
            ParameterStore ps = new ParameterStore(manager, false);
            NDList inputs = SbmFixtures.inputs(manager, 3);
            NDList before = saved.forward(ps, inputs, false);
            assertFalse(before.get(0).contentEquals(loaded.forward(ps, inputs, false).get(0)),
                    "another seed should give another block");
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                loaded.loadParameters(manager, in);
            }
            // a ParameterStore keeps the arrays it has handed out: read the loaded ones afresh
            NDList after = loaded.forward(new ParameterStore(manager, false), inputs, false);
            assertArrayEquals(before.get(0).toFloatArray(), after.get(0).toFloatArray(), 0f);
            assertArrayEquals(before.get(1).toFloatArray(), after.get(1).toFloatArray(), 0f);
        }
    }

    @Test
    void sameSeedSameBlock() {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            NDList inputs = SbmFixtures.inputs(manager, 4);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray a = SbmFixtures.initialised(manager, SbmFixtures.moe(), 18).forward(ps, inputs, false).get(0);
            NDArray b = SbmFixtures.initialised(manager, SbmFixtures.moe(), 18).forward(ps, inputs, false).get(0);
            NDArray c = SbmFixtures.initialised(manager, SbmFixtures.moe(), 19).forward(ps, inputs, false).get(0);
            assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0f);
            assertFalse(a.contentEquals(c));
        }
    }

    @Test
    void rejectsBadSettings() {
        IllegalArgumentException sizes = assertThrows(IllegalArgumentException.class,
                () -> SceneBalancedMoE.builder().setInputSizes(5, 7, 3).setHiddenSize(D).setLayers(1).build());
        assertTrue(sizes.getMessage().contains("[5, 7, 3]"), sizes.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SbmFixtures.moe().optHeads(3).build());
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            SceneBalancedMoE block = SbmFixtures.initialised(manager, SbmFixtures.moe(), 20);
            NDList three = SbmFixtures.inputs(manager, 5);
            three.remove(3);
            assertThrows(IllegalArgumentException.class,
                    () -> block.forward(new ParameterStore(manager, false), three, false));
            assertThrows(IllegalArgumentException.class,
                    () -> SbmFixtures.moe().build().initialize(manager, DataType.FLOAT32, new Shape(B, T, 5)));
        }
    }

    private static NDList backward(NDManager manager, SceneBalancedMoE block) {
        ParameterStore ps = new ParameterStore(manager, false);
        NDList inputs = SbmFixtures.inputs(manager, 7);
        NDArray weights = SbmFixtures.array(manager, new Shape(B, T, D), new Random(8));
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDList out = block.forward(ps, inputs, true);
            NDArray loss = out.get(0).mul(weights).sum().add(RouterLoss.compute(out.get(1)));
            collector.backward(loss);
            return out;
        }
    }

    /** Sum of |gradient|; 0 when the parameter took no part in the graph. */
    private static float gradientSize(Parameter parameter) {
        NDArray gradient = parameter.getArray().getGradient();
        return gradient == null ? 0f : gradient.abs().sum().getFloat();
    }

    private static String unprefixed(String name) {
        return name.replaceFirst("^\\d+", "");
    }

    private static NDArray parameter(SceneBalancedMoE block, String name) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (unprefixed(p.getKey()).equals(name)) {
                return p.getValue().getArray();
            }
        }
        throw new AssertionError("no parameter " + name + " in " + block.getParameters().keys());
    }
}
