package org.omnisila.engine.icm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small ICM on a tiny configuration: S = 5 segments of T = 8 frames, widths 5/7/3/6, d = 16. */
class IcmModelTest {
    private static final int S = 5;
    private static final IcmConfig TINY = new IcmConfig(IcmConfig.VERSION, "tiny", List.of(5, 7, 3, 6), 8, 16, 1, 4,
            4, 1, 0, 1e-4, 1e-2, List.of("Fighting", "Fire", "Normal"));

    private static Shape[] shapes() {
        Shape[] s = new Shape[4];
        for (int j = 0; j < 4; j++) {
            s[j] = new Shape(S, 8, TINY.sceneWidth(j));
        }
        return s;
    }

    private static IcmModel model(NDManager manager, IcmModel.Variant variant, NDList inputs) {
        Engine.getEngine("PyTorch").setRandomSeed(3);
        IcmModel m = new IcmModel(TINY, variant);
        m.initialize(manager, DataType.FLOAT32, shapes());
        // The dictionary comes from K-means over fused embeddings, as training builds it.
        NDArray embeddings = m.fusedEmbeddings(new ParameterStore(manager, false), inputs);
        m.iec().setDictionary(CausalDictionary.build(embeddings,
                KMeans.builder().optClusters(TINY.dictionarySize()).optSeed(1).build()));
        return m;
    }

    private static NDList inputs(NDManager manager) {
        manager.getEngine().setRandomSeed(9);
        NDList x = new NDList();
        for (Shape s : shapes()) {
            x.add(manager.randomNormal(s));
        }
        return x;
    }

    /** Inference and a backward pass leave nothing on the model's manager (the analysis runs it once per video). */
    @Test
    void aForwardPassLeavesNothingOnTheModelsManager() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            IcmModel m = model(manager, IcmModel.Variant.FULL, inputs(manager));
            int before = org.omnisila.engine.llm.ManagerLeaks.count(manager);
            for (boolean training : new boolean[] {false, true}) {
                try (NDManager pass = manager.newSubManager();
                     GradientCollector g = manager.getEngine().newGradientCollector()) {
                    NDList x = inputs(pass);
                    NDList out = m.forward(new ParameterStore(pass, false), x, training);
                    if (training) {
                        g.backward(out.get(0).sum().add(RouterLoss.compute(out.get(2))));
                    }
                }
                assertEquals(before, org.omnisila.engine.llm.ManagerLeaks.count(manager),
                        () -> "left on the model's manager: " + org.omnisila.engine.llm.ManagerLeaks.describe(manager));
            }
        }
    }

    @Test
    void shapesAndEveryParameterLearns() {
        for (IcmModel.Variant variant : IcmModel.Variant.values()) {
            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                NDList x = inputs(manager);
                IcmModel m = model(manager, variant, x);
                try (GradientCollector g = manager.getEngine().newGradientCollector()) {
                    NDList out = m.forward(new ParameterStore(manager, false), x, true);
                    assertEquals(new Shape(S, 3), out.get(0).getShape());
                    assertEquals(new Shape(S), out.get(1).getShape());
                    assertEquals(new Shape(S, 4), out.get(2).getShape());
                    // A loss touching every output: cross-entropy on label 0, presence, and the router loss.
                    NDArray loss = out.get(0).logSoftmax(-1).get(":, 0").neg().mean()
                            .add(out.get(1).square().mean()).add(RouterLoss.compute(out.get(2)));
                    g.backward(loss);
                }
                for (Pair<String, Parameter> p : m.getParameters()) {
                    boolean fixed = variant == IcmModel.Variant.WITHOUT_SBM || variant == IcmModel.Variant.EXPLICIT_ONLY;
                    boolean routerUnused = fixed && p.getKey().contains("router");
                    // Face alone: the other three experts carry weight 0.
                    boolean expertUnused = variant == IcmModel.Variant.EXPLICIT_ONLY
                            && (p.getKey().contains("action") || p.getKey().contains("object")
                            || p.getKey().contains("background"));
                    boolean iecUnused = variant == IcmModel.Variant.WITHOUT_IEC && p.getKey().contains("iec")
                            // the diagnostic one-path IECs leave the other attention out
                            || variant == IcmModel.Variant.IEC_SELF_ONLY && p.getKey().contains("cross_sampling")
                            || variant == IcmModel.Variant.IEC_CROSS_ONLY && p.getKey().contains("self_sampling")
                            // IEC's output projection starts at 0, so nothing under it gets a gradient in step 1
                            || IcmModel.zeroInitialisedIec(variant) && p.getKey().contains("iec")
                            && !p.getKey().contains("ffn_out");
                    float gradient = p.getValue().getArray().getGradient().abs().sum().getFloat();
                    if (routerUnused || iecUnused || expertUnused) {
                        assertEquals(0f, gradient, variant + " " + p.getKey());
                    } else {
                        assertTrue(gradient > 0f, variant + " " + p.getKey() + " has no gradient");
                    }
                }
            }
        }
    }

    /**
     * The model starts with IEC as the identity (its output projection at 0: y_iec = 0, fused = LayerNorm(y_moe)),
     * and once that projection has moved off 0, gradients reach every IEC parameter.
     */
    @Test
    void iecStartsAsTheIdentityAndLearnsOnceItsOutputMoves() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDList x = inputs(manager);
            IcmModel full = model(manager, IcmModel.Variant.FULL, x);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray m = full.sbm().forward(ps, x, false).get(0);
            assertEquals(0f, full.iec().forward(ps, new NDList(m), false).head().abs().max().getFloat(), 0f);
            for (Pair<String, Parameter> p : full.iec().getParameters()) {
                if (p.getKey().contains("ffn_out") && p.getKey().endsWith("weight")) {
                    p.getValue().getArray().set(manager.randomNormal(0, 0.02f, p.getValue().getArray().getShape(),
                            DataType.FLOAT32).toFloatArray());
                }
            }
            try (GradientCollector g = manager.getEngine().newGradientCollector()) {
                NDList out = full.forward(ps, x, true);
                g.backward(out.get(0).logSoftmax(-1).get(":, 0").neg().mean());
            }
            for (Pair<String, Parameter> p : full.iec().getParameters()) {
                float gradient = p.getValue().getArray().getGradient().abs().sum().getFloat();
                assertTrue(gradient > 0f, p.getKey() + " has no gradient after the output moved");
            }
        }
    }

    /** do(E_j := expectation): one distribution per scene, each a distribution, each differing from no intervention. */
    @Test
    void interventionsReplaceOneExpertOutput() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDList x = inputs(manager);
            IcmModel m = model(manager, IcmModel.Variant.FULL, x);
            ParameterStore ps = new ParameterStore(manager, false);
            NDList effects = m.interventions(ps, x);
            assertEquals(4, effects.size());
            NDArray plain = m.forward(ps, x, false).get(0).softmax(-1);
            for (int j = 0; j < 4; j++) {
                NDArray p = effects.get(j);
                assertEquals(new Shape(S, 3), p.getShape());
                assertArrayEquals(new float[] {1, 1, 1, 1, 1}, p.sum(new int[] {1}).toFloatArray(), 1e-5f);
                assertTrue(p.sub(plain).abs().max().getFloat() > 1e-6f, "scene " + j + " changes nothing");
            }
            // Interventions run in inference mode: the same inputs give the same distributions.
            assertArrayEquals(effects.get(0).toFloatArray(), m.interventions(ps, x).get(0).toFloatArray(), 1e-6f);
        }
    }
}
