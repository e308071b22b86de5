package org.omnisila.engine.llm.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.icm.CausalDictionary;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.icm.KMeans;
import org.omnisila.engine.icm.RouterLoss;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedVideoLlava;
import org.omnisila.engine.llm.hf.VideoLlavaLoader;

/**
 * SceneFusion with the real SBM and IEC blocks (IcmConfig.small(): scene widths 64, 96, 48, 32, 8 frames, h 64) into
 * the tiny Video-LLaVA's width 32, alone and inside a training forward pass.
 */
class SceneFusionTest {
    private static final int B = 2;
    private static final int D = 32;

    private static NDList scenes(NDManager m, IcmConfig config, long seed) {
        m.getEngine().setRandomSeed((int) seed);
        NDList x = new NDList();
        for (Shape s : IcmModel.inputShapes(config, B)) {
            x.add(m.randomNormal(s)); // [B, 8, d_j]
        }
        return x;
    }

    private static SceneFusion initialised(NDManager m, IcmConfig config) {
        SceneFusion fusion = new SceneFusion(config, D);
        fusion.initialize(m, DataType.FLOAT32, IcmModel.inputShapes(config, B));
        NDArray embeddings = fusion.sceneEmbeddings(new ParameterStore(m, false), scenes(m, config, 3));
        fusion.iec().setDictionary(CausalDictionary.build(embeddings,
                KMeans.builder().optClusters(4).optSeed(1).build()));
        return fusion;
    }

    private static float gradientSize(Parameter p) {
        NDArray g = p.getArray().getGradient();
        return g == null ? 0f : g.abs().sum().getFloat();
    }

    @Test
    void shapesRoutingAndIecStartingAsIdentity() {
        IcmConfig config = IcmConfig.small();
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SceneFusion fusion = initialised(m, config);
            assertEquals(List.of("sbm", "iec", "fusion_norm", "scene_projector"),
                    fusion.getChildren().keys().stream().map(k -> k.replaceFirst("^\\d+", "")).toList());
            ParameterStore ps = new ParameterStore(m, false);
            NDList x = scenes(m, config, 5);
            NDList out = fusion.forward(ps, x, false);
            assertEquals(new Shape(B, 8, D), out.get(0).getShape());
            assertEquals(new Shape(B, 4), out.get(1).getShape());
            assertArrayEquals(new float[] {1, 1}, out.get(1).sum(new int[] {1}).toFloatArray(), 1e-5f);
            // IEC's output projection starts at zero: tokens = scene_projector(LayerNorm(y_moe))
            NDArray yMoe = fusion.sbm().forward(ps, x, false).get(0);
            NDArray iec = fusion.iec().forward(ps, new NDList(yMoe), false).head();
            assertEquals(0f, iec.abs().max().getFloat(), 0f);
            NDArray normed = yMoe.sub(yMoe.mean(new int[] {2}, true));
            normed = normed.div(normed.pow(2).mean(new int[] {2}, true).add(1e-5f).sqrt()); // gamma 1, beta 0
            NDArray want = fusion.sceneProjector().apply(ps, normed, false);
            assertArrayEquals(want.toFloatArray(), out.get(0).toFloatArray(), 1e-4f);
        }
    }

    @Test
    void gradientsReachTheProjectorAndTheSbm() {
        IcmConfig config = IcmConfig.small();
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SceneFusion fusion = initialised(m, config);
            ParameterStore ps = new ParameterStore(m, false);
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                NDList out = fusion.forward(ps, scenes(m, config, 7), true);
                NDArray weights = m.randomNormal(out.get(0).getShape());
                collector.backward(out.get(0).mul(weights).sum().add(RouterLoss.compute(out.get(1))));
            }
            Map<String, Parameter> params = new java.util.LinkedHashMap<>();
            fusion.getParameters().forEach(p -> params.put(p.getKey(), p.getValue()));
            assertTrue(gradientSize(fusion.sceneProjector().getParameters().get("weight")) > 0, "scene_projector");
            float sbm = (float) params.entrySet().stream()
                    .filter(e -> e.getKey().replaceFirst("^\\d+", "").startsWith("sbm"))
                    .mapToDouble(e -> gradientSize(e.getValue())).sum();
            assertTrue(sbm > 0, "sbm");
        }
    }

    @Test
    void aTrainingForwardThroughVideoLlavaReachesTheSceneBlock() throws Exception {
        IcmConfig config = IcmConfig.small();
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             LoadedVideoLlava loaded = VideoLlavaLoader.load(VideoLlavaReferenceTest.folder(), null, m,
                     LlamaLoader.Settings.cpuDefaults())) {
            SceneFusion fusion = initialised(m, config);
            long[] ids = {1, 5, 416, 416, 416, 416, 416, 416, 416, 416, 7, 8, 9, 10};
            long[] labels = new long[ids.length];
            Arrays.fill(labels, MultimodalSequence.IGNORE_INDEX);
            labels[11] = 9;
            labels[12] = 10; // the answer: "9 10"
            int[] positions = {2, 3, 4, 5, 6, 7, 8, 9};
            NDArray pixels = m.randomUniform(-1, 1, new Shape(8, 3, 28, 28));
            for (FusionMode mode : FusionMode.values()) {
                VideoLlava model = new VideoLlava(loaded.tower().block(), loaded.projector().block(),
                        loaded.decoder().model(), fusion, mode, loaded.decoder().manager());
                ParameterStore ps = new ParameterStore(m, false);
                try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                    VideoLlava.Forward f = model.forward(ps, List.of(ids, Arrays.copyOf(ids, 12)),
                            List.of(labels, Arrays.copyOf(labels, 12)), List.of(positions, positions),
                            List.of(pixels, pixels), scenes(m, config, 9), true);
                    int extra = mode == FusionMode.APPEND ? 8 : 0;
                    assertArrayEquals(new int[] {14 - 8 + 40 + extra, 12 - 8 + 40 + extra}, f.batch().lengths());
                    assertEquals(new Shape(2, 46 + extra, 419), f.logits().getShape());
                    long[] l = f.batch().labels().toLongArray();
                    assertEquals(3, Arrays.stream(l).filter(v -> v != MultimodalSequence.IGNORE_INDEX).count(), mode
                            .toString()); // 2 in the first, 1 in the truncated second
                    assertEquals(mode == FusionMode.NONE, f.routing() == null);
                    if (mode != FusionMode.NONE) {
                        NDArray loss = f.logits().get(":, 0:1, :").sum(); // any function of the logits
                        collector.backward(loss);
                        assertTrue(gradientSize(fusion.sceneProjector().getParameters().get("weight")) > 0,
                                mode + ": the LM's output reaches scene_projector");
                    }
                }
            }
        }
    }
}
