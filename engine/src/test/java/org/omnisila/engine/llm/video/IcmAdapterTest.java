package org.omnisila.engine.llm.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.icm.CausalDictionary;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.icm.KMeans;
import org.omnisila.engine.icm.checkpoint.CheckpointException;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedVideoLlava;
import org.omnisila.engine.llm.hf.VideoLlavaLoader;
import org.omnisila.engine.llm.lora.Lora;
import org.omnisila.engine.llm.lora.LoraConfig;
import org.omnisila.engine.llm.text.VicunaTemplate;

/** An ICM adapter saved from a tuned tiny Video-LLaVA and loaded onto a fresh copy gives the same logits. */
class IcmAdapterTest {
    private static final long[] IDS = {1, 5, 416, 416, 416, 416, 416, 416, 416, 416, 7, 8, 9, 10};
    private static final int[] POSITIONS = {2, 3, 4, 5, 6, 7, 8, 9};
    /** The prompt unsupervised (ADD adds the scene tokens there only; labels = ids would leave ADD nothing). */
    private static final long[] LABELS = {-100, -100, -100, -100, -100, -100, -100, -100, -100, -100, -100, 8, 9, 10};

    private static LoadedVideoLlava base(NDManager m) {
        return VideoLlavaLoader.load(VideoLlavaReferenceTest.folder(), null, m, LlamaLoader.Settings.cpuDefaults());
    }

    private static NDList scenes(NDManager m, IcmConfig config) {
        m.getEngine().setRandomSeed(11);
        NDList x = new NDList();
        for (Shape s : IcmModel.inputShapes(config, 1)) {
            x.add(m.randomNormal(s));
        }
        return x;
    }

    private static float[] logits(VideoLlava model, NDManager m, NDList scenes) {
        m.getEngine().setRandomSeed(3);
        NDArray pixels = m.randomUniform(-1, 1, new Shape(8, 3, 28, 28));
        return model.forward(new ParameterStore(m, false), List.of(IDS), List.of(LABELS), List.of(POSITIONS),
                List.of(pixels), scenes, false).logits().toFloatArray();
    }

    /** A tuned-looking model: LoRA pairs with non-zero B, a scene block with a dictionary and moved weights. */
    private static VideoLlava tuned(LoadedVideoLlava loaded, NDManager m, IcmConfig config, LoraConfig lora) {
        Lora.attach(loaded.decoder().model(), lora, loaded.decoder().manager(), DataType.FLOAT32);
        m.getEngine().setRandomSeed(5);
        Lora.pairs(loaded.decoder().model()).values()
                .forEach(p -> p.b().getArray().addi(m.randomNormal(p.b().getArray().getShape()).mul(0.5f)));
        SceneFusion fusion = new SceneFusion(config, 32);
        fusion.initialize(m, DataType.FLOAT32, IcmModel.inputShapes(config, 1));
        fusion.iec().setDictionary(CausalDictionary.build(
                fusion.sceneEmbeddings(new ParameterStore(m, false), scenes(m, config)),
                KMeans.builder().optClusters(3).optSeed(1).build()));
        fusion.getParameters().forEach(p -> p.getValue().getArray().addi(0.01f)); // IEC's zero output moved too
        return VideoLlava.of(loaded, fusion, FusionMode.ADD);
    }

    @Test
    void savedAndLoadedGivesTheSameLogitsAndMergesToThem(@TempDir Path dir) throws Exception {
        IcmConfig config = IcmConfig.small();
        LoraConfig lora = LoraConfig.of(4, 16, 0.05, LoraConfig.ATTENTION);
        IcmAdapterConfig settings = IcmAdapterConfig.of("omnisila", FusionMode.ADD, VicunaTemplate.SYSTEM_LLAVA_V1,
                config, "tiny-video-llava");
        float[] want;
        try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava loaded = base(m)) {
            VideoLlava model = tuned(loaded, m, config, lora);
            want = logits(model, m, scenes(m, config));
            IcmAdapter.save(dir, model, lora, settings);
        }
        assertTrue(Files.isRegularFile(dir.resolve("adapter_model.safetensors")));
        assertTrue(Files.isRegularFile(dir.resolve(IcmAdapter.WEIGHTS)));
        try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava loaded = base(m)) {
            float[] plain = logits(VideoLlava.of(loaded, null, FusionMode.NONE), m, scenes(m, config));
            try (IcmAdapter.Loaded adapter = IcmAdapter.load(dir, loaded, DataType.FLOAT32)) {
                assertEquals(settings, adapter.config());
                assertEquals(FusionMode.ADD, adapter.model().mode());
                float[] got = logits(adapter.model(), m, scenes(m, config));
                assertArrayEquals(want, got, 0f);
                float diff = 0;
                for (int i = 0; i < got.length; i++) {
                    diff = Math.max(diff, Math.abs(got[i] - plain[i]));
                }
                assertTrue(diff > 0.1, "the adapter changes the logits (by " + diff + ")");
                Lora.merge(loaded.decoder().model());
                assertArrayEquals(want, logits(adapter.model(), m, scenes(m, config)), 1e-4f);
            }
        }
    }

    @Test
    void aStageOneAdapterHasNoSceneBlock(@TempDir Path dir) throws Exception {
        LoraConfig lora = LoraConfig.of(2, 4, 0, LoraConfig.ATTENTION);
        try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava loaded = base(m)) {
            Lora.attach(loaded.decoder().model(), lora, loaded.decoder().manager(), DataType.FLOAT32);
            IcmAdapter.save(dir, VideoLlava.of(loaded, null, FusionMode.NONE), lora, IcmAdapterConfig.of("scene",
                    FusionMode.NONE, VicunaTemplate.SYSTEM_LLAVA_V1, null, "tiny-video-llava"));
        }
        assertTrue(Files.notExists(dir.resolve(IcmAdapter.WEIGHTS)));
        try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava loaded = base(m);
             IcmAdapter.Loaded adapter = IcmAdapter.load(dir, loaded, DataType.FLOAT32)) {
            assertNull(adapter.model().fusion());
            assertEquals("scene", adapter.config().stage());
        }
    }

    @Test
    void brokenFoldersAreNamed(@TempDir Path dir) throws Exception {
        IcmConfig config = IcmConfig.small();
        LoraConfig lora = LoraConfig.of(4, 16, 0, LoraConfig.ATTENTION);
        try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava loaded = base(m)) {
            IcmAdapter.save(dir, tuned(loaded, m, config, lora), lora, IcmAdapterConfig.of("omnisila",
                    FusionMode.APPEND, VicunaTemplate.SYSTEM_LLAVA_V1, config, "tiny"));
        }
        Path weights = dir.resolve(IcmAdapter.WEIGHTS);
        Path moved = dir.resolve("elsewhere.safetensors");
        Files.move(weights, moved);
        try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava loaded = base(m)) {
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> IcmAdapter.load(dir, loaded, DataType.FLOAT32));
            assertTrue(e.getMessage().contains("has no icm.safetensors"), e.getMessage());
        }
        Files.move(moved, weights);
        String json = Files.readString(dir.resolve(IcmAdapter.CONFIG));
        Files.writeString(dir.resolve(IcmAdapter.CONFIG), json.replace("\"stage\"", "\"stage\" \"oops\","));
        CheckpointException e = assertThrows(CheckpointException.class, () -> IcmAdapter.readConfig(dir));
        assertTrue(e.getMessage().contains("icm_config.json, line 4"), e.getMessage());
        Files.delete(dir.resolve(IcmAdapter.CONFIG));
        e = assertThrows(CheckpointException.class, () -> IcmAdapter.readConfig(dir));
        assertTrue(e.getMessage().contains("not an Omni-SILA ICM adapter"), e.getMessage());
    }
}
