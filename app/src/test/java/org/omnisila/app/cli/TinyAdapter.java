package org.omnisila.app.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.omnisila.engine.icm.CausalDictionary;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.icm.KMeans;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedVideoLlava;
import org.omnisila.engine.llm.hf.VideoLlavaLoader;
import org.omnisila.engine.llm.lora.Lora;
import org.omnisila.engine.llm.lora.LoraConfig;
import org.omnisila.engine.llm.text.VicunaTemplate;
import org.omnisila.engine.llm.video.FusionMode;
import org.omnisila.engine.llm.video.IcmAdapter;
import org.omnisila.engine.llm.video.IcmAdapterConfig;
import org.omnisila.engine.llm.video.SceneFusion;
import org.omnisila.engine.llm.video.VideoLlava;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.scene.SceneExtractors;

/** (A copy of the engine tests' TinyAdapter: app tests cannot see engine test classes.) Makes a tuned-looking ICM adapter for the tiny Video-LLaVA (as IcmAdapterTest does), sized for the bundled extractors. */
public final class TinyAdapter {
    private TinyAdapter() {
    }

    public static Path base() {
        return Path.of("../engine/src/test/resources/llm/tiny-video-llava").toAbsolutePath().normalize();
    }

    /** @return the bundled extractors' widths, scene order */
    public static List<Integer> extractorWidths() {
        List<SceneExtractor> extractors = SceneExtractors.open(Device.cpu(), new ModelFiles());
        try {
            List<Integer> widths = new ArrayList<>();
            extractors.forEach(e -> widths.add(e.width()));
            return widths;
        } finally {
            extractors.forEach(SceneExtractor::close);
        }
    }

    /**
     * Adds {@code delta} in place, outside autograd (a test run earlier in the JVM may leave PyTorch's grad mode on,
     * and an in-place change of a leaf that requires grad is refused then); the model is only saved afterwards.
     */
    private static void moved(ai.djl.ndarray.NDArray a, ai.djl.ndarray.NDArray delta) {
        a.setRequiresGradient(false);
        a.addi(delta);
    }

    /** Writes an adapter with LoRA B != 0 and a scene block of {@code widths} into {@code dir}. */
    public static void write(Path dir, FusionMode mode, List<Integer> widths) {
        IcmConfig config = IcmConfig.small().withData(widths, IcmConfig.small().labels());
        LoraConfig lora = LoraConfig.of(4, 16, 0, LoraConfig.ATTENTION);
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             LoadedVideoLlava loaded = VideoLlavaLoader.load(base(), null, m, LlamaLoader.Settings.cpuDefaults())) {
            Lora.attach(loaded.decoder().model(), lora, loaded.decoder().manager(), DataType.FLOAT32);
            m.getEngine().setRandomSeed(5);
            Lora.pairs(loaded.decoder().model()).values()
                    .forEach(p -> moved(p.b().getArray(), m.randomNormal(p.b().getArray().getShape()).mul(0.5f)));
            SceneFusion fusion = null;
            if (mode != FusionMode.NONE) {
                fusion = new SceneFusion(config, 32);
                fusion.initialize(m, DataType.FLOAT32, IcmModel.inputShapes(config, 1));
                NDList x = new NDList();
                for (Shape s : IcmModel.inputShapes(config, 4)) {
                    x.add(m.randomNormal(s));
                }
                fusion.iec().setDictionary(CausalDictionary.build(
                        fusion.sceneEmbeddings(new ParameterStore(m, false), x),
                        KMeans.builder().optClusters(3).optSeed(1).build()));
                SceneFusion f = fusion;
                f.getParameters().forEach(p -> moved(p.getValue().getArray(), m.ones(p.getValue().getArray().getShape())
                        .mul(0.01f)));
            }
            IcmAdapter.save(dir, VideoLlava.of(loaded, fusion, mode), lora, IcmAdapterConfig.of(
                    mode == FusionMode.NONE ? "scene" : "omnisila", mode, VicunaTemplate.SYSTEM_LLAVA_V1,
                    mode == FusionMode.NONE ? null : config, "tiny-video-llava"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
