package org.omnisila.engine.llm.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.icm.checkpoint.CheckpointException;
import org.omnisila.engine.llm.ClipVisionModel;
import org.omnisila.engine.llm.MemoryEstimate;
import org.omnisila.engine.llm.Precision;
import org.omnisila.engine.llm.VisionFeature;

/**
 * The Video-LLaVA loader on the tiny fixture renamed: llava-hf's names, the tower in a separate folder, and the
 * refusals (no tower, no projector, not enough memory for tower + decoder).
 */
class VideoLlavaLoaderTest {
    private static final String TOWER = "model.video_tower.video_tower.";
    private static NDManager manager;
    private static Map<String, NDArray> tensors;

    @TempDir
    Path tmp;

    static Path fixture() {
        try {
            return Path.of(VideoLlavaLoaderTest.class.getResource("/llm/tiny-video-llava").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void read() throws IOException {
        manager = NDManager.newBaseManager("PyTorch");
        NDList list = NDList.decode(manager, Files.readAllBytes(fixture().resolve(HfModelFolder.SINGLE)));
        tensors = new LinkedHashMap<>();
        list.forEach(a -> tensors.put(a.getName(), a));
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** Writes config.json (copied) and the renamed tensors (null: dropped). */
    private static Path folder(Path dir, Function<String, String> rename) throws IOException {
        Files.createDirectories(dir);
        Files.copy(fixture().resolve(HfModelFolder.CONFIG), dir.resolve(HfModelFolder.CONFIG));
        NDList list = new NDList();
        tensors.forEach((name, array) -> {
            String to = rename.apply(name);
            if (to != null) {
                NDArray copy = array.duplicate();
                copy.setName(to);
                list.add(copy);
            }
        });
        Files.write(dir.resolve(HfModelFolder.SINGLE), list.encode(NDList.Encoding.SAFETENSORS));
        return dir;
    }

    /** llava-hf's VideoLlavaForConditionalGeneration names. */
    private static String llavaHf(String name) {
        if (name.startsWith(TOWER)) {
            return "video_tower.vision_model." + name.substring(TOWER.length());
        }
        if (name.startsWith("model.mm_projector.")) {
            return name.replace("model.mm_projector.0.", "multi_modal_projector.linear_1.")
                    .replace("model.mm_projector.2.", "multi_modal_projector.linear_2.");
        }
        return "language_model." + name;
    }

    private static float[] videoTokens(LoadedVideoLlava loaded) {
        try (NDManager work = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(work, false);
            NDArray pixels = work.arange(8 * 3 * 28 * 28).reshape(8, 3, 28, 28).toType(DataType.FLOAT32, false)
                    .mul(0.001f).sin(); // [8, 3, 28, 28] in [-1, 1]
            NDArray f = loaded.tower().block().features(ps, pixels, ClipVisionModel.VIDEO_LLAVA_SELECT_LAYER,
                    VisionFeature.CLS_PATCH, false);
            return loaded.projector().block().apply(ps, f, false).toFloatArray();
        }
    }

    @Test
    void llavaHfNamesGiveTheSameModel() throws IOException {
        Path hf = folder(tmp.resolve("hf"), VideoLlavaLoaderTest::llavaHf);
        try (LoadedVideoLlava original = VideoLlavaLoader.load(fixture(), null, manager,
                LlamaLoader.Settings.cpuDefaults());
             LoadedVideoLlava renamed = VideoLlavaLoader.load(hf, null, manager, LlamaLoader.Settings.cpuDefaults())) {
            assertEquals(VideoLlavaLoader.Layout.LLAVA_HF, renamed.layout());
            assertEquals("language_model.", renamed.decoder().prefix());
            assertEquals("video_tower.", renamed.tower().prefix());
            assertArrayEquals(videoTokens(original), videoTokens(renamed), 0f);
            assertTrue(renamed.decoder().ignored().stream().noneMatch(n -> n.startsWith("language_model.")),
                    "every decoder tensor is used: " + renamed.decoder().ignored());
        }
    }

    @Test
    void towerFromASeparateFolder() throws IOException {
        Path model = folder(tmp.resolve("model"), n -> n.startsWith(TOWER) ? null : n);
        Path tower = folder(tmp.resolve("tower"), n -> n.startsWith(TOWER) ? "vision_model." + n.substring(TOWER.length()) : null);
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(fixture().resolve("config.json").toFile())
                .get("vision_config");
        new ObjectMapper().writeValue(tower.resolve(HfModelFolder.CONFIG).toFile(), config);
        CheckpointException missing = assertThrows(CheckpointException.class,
                () -> VideoLlavaLoader.load(model, null, manager, LlamaLoader.Settings.cpuDefaults()));
        assertTrue(missing.getMessage().contains("the video tower is not in")
                && missing.getMessage().contains("model.video_tower.video_tower.embeddings.*")
                && missing.getMessage().contains("LanguageBind/LanguageBind_Video_merge"), missing.getMessage());
        try (LoadedVideoLlava loaded = VideoLlavaLoader.load(model, tower, manager,
                LlamaLoader.Settings.cpuDefaults());
             LoadedVideoLlava original = VideoLlavaLoader.load(fixture(), null, manager,
                     LlamaLoader.Settings.cpuDefaults())) {
            assertEquals("", loaded.tower().prefix());
            assertArrayEquals(videoTokens(original), videoTokens(loaded), 0f);
        }
    }

    @Test
    void missingProjectorIsNamed() throws IOException {
        Path model = folder(tmp.resolve("noprojector"), n -> n.startsWith("model.mm_projector.") ? null : n);
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> VideoLlavaLoader.load(model, null, manager, LlamaLoader.Settings.cpuDefaults()));
        assertTrue(e.getMessage().contains("no projector") && e.getMessage().contains("model.mm_projector.0.weight"),
                e.getMessage());
    }

    @Test
    void theEstimateCountsTowerAndProjector() {
        LlamaLoader.Settings settings = LlamaLoader.Settings.cpuDefaults();
        try (LoadedVideoLlava loaded = VideoLlavaLoader.load(fixture(), null, manager, settings)) {
            MemoryEstimate decoderOnly = loaded.decoder().estimate();
            long extra = loaded.estimate().parameters() - decoderOnly.parameters();
            // 2 tower layers with temporal attention, patch 14, width 16; projector 16 -> 32 -> 32
            assertTrue(extra > 10_000 && extra < 30_000, "tower + projector parameters " + extra);
            assertEquals(decoderOnly.weightBytes() + extra * Precision.FP32.bytes(), loaded.estimate().weightBytes());
            long between = (long) ((decoderOnly.totalBytes() + extra * 2L) / 0.9); // decoder fits, all does not
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> VideoLlavaLoader.load(fixture(), null, manager, settings.withMemoryBudget(between)));
            assertTrue(e.getMessage().contains("not enough memory"), e.getMessage());
        }
    }
}
