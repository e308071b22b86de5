package org.omnisila.engine.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.llm.hf.BlockLoader;
import org.omnisila.engine.llm.hf.LoadedBlock;
import org.omnisila.engine.video.RgbImage;

/**
 * The numerical truth of the video half: the tiny CLIP tower and projector written by
 * engine/src/test/python/clip_reference.py (image 28, patch 14, width 32, 3 layers, 4 heads; projector to 64),
 * loaded by name from its safetensors file, give PyTorch's preprocessed pixels, every hidden state and the
 * projected tokens within 1e-4 in float32. The reference is a plain-PyTorch transcription of Hugging Face's
 * modeling_clip.py (with a real conv2d for the patches), LLaVA's mlp2x_gelu and LanguageBind's video transform.
 */
class ClipReferenceTest {
    static final float TOLERANCE = 1e-4f;

    @Test
    void preprocessedPixelsMatchPyTorch() {
        JsonNode expected = expected();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray pixels = new ClipFramePreprocessor(28).images(manager, frames());
            assertEquals(shape(expected.get("pixelsShape")), pixels.getShape());
            float worst = maxDifference(pixels.toFloatArray(), expected.get("pixels"));
            System.out.println("max |pixel - PyTorch| = " + worst);
            assertTrue(worst < TOLERANCE, "max |pixel - PyTorch| = " + worst);
        }
    }

    @Test
    void everyHiddenStateMatchesPyTorch() {
        JsonNode expected = expected();
        ClipVisionConfig config = ClipVisionConfig.read(folder().resolve("config.json"));
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LoadedBlock<ClipVisionModel> tower = loadTower(manager, config)) {
            NDArray pixels = manager.create(floats(expected.get("pixels")), shape(expected.get("pixelsShape")));
            JsonNode states = expected.get("hiddenStates");
            assertEquals(config.numHiddenLayers() + 1, states.size());
            float worst = 0;
            for (int k = 0; k < states.size(); k++) {
                NDArray h = tower.block().features(new ParameterStore(manager, false), pixels, k,
                        VisionFeature.CLS_PATCH, false);
                assertEquals(shape(expected.get("hiddenShape")), h.getShape());
                worst = Math.max(worst, maxDifference(h.toFloatArray(), states.get(k)));
                // the same state counted from the end
                NDArray fromEnd = tower.block().features(new ParameterStore(manager, false), pixels,
                        k - states.size(), VisionFeature.CLS_PATCH, false);
                assertEquals(0f, maxDifference(fromEnd.toFloatArray(), states.get(k)) - maxDifference(
                        h.toFloatArray(), states.get(k)));
            }
            System.out.println("max |hidden state - PyTorch| = " + worst);
            assertTrue(worst < TOLERANCE, "max |hidden state - PyTorch| = " + worst);
            assertEquals(List.of("vision_model.post_layernorm.bias", "vision_model.post_layernorm.weight"),
                    tower.ignored().stream().filter(n -> n.startsWith("vision_model.")).toList());
        }
    }

    @Test
    void framesToProjectedTokensMatchPyTorch() {
        JsonNode expected = expected();
        ClipVisionConfig config = ClipVisionConfig.read(folder().resolve("config.json"));
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LoadedBlock<ClipVisionModel> tower = loadTower(manager, config);
             LoadedBlock<MmProjector> projector = BlockLoader.load(folder(), new MmProjector(32, 64),
                     List.of(MmProjector.PREFIX), manager, DataType.FLOAT32, new Shape(1, 32))) {
            assertEquals(MmProjector.PREFIX, projector.prefix());
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray pixels = new ClipFramePreprocessor(config.imageSize()).images(manager, frames());
            NDArray features = tower.block().features(ps, pixels, ClipVisionModel.VIDEO_LLAVA_SELECT_LAYER,
                    VisionFeature.CLS_PATCH, false); // [2, 5, 32]
            NDArray projected = projector.block().apply(ps, features, false); // [2, 5, 64]
            assertEquals(shape(expected.get("projectedShape")), projected.getShape());
            float worst = maxDifference(projected.toFloatArray(), expected.get("projected"));
            System.out.println("max |projected - PyTorch| = " + worst);
            assertTrue(worst < TOLERANCE, "max |projected - PyTorch| = " + worst);

            // "patch" drops exactly the CLS token
            NDArray patch = tower.block().features(ps, pixels, -2, VisionFeature.PATCH, false);
            assertEquals(new Shape(2, 4, 32), patch.getShape());
            assertEquals(features.get(":, 1:, :"), patch);
        }
    }

    /**
     * LanguageBind's video tower: the same layout with temporal attention across each video's frames before
     * every layer's spatial attention (tiny-languagebind: 2 frames per video, two videos made of the tiny-clip
     * pixels, frames 0, 1, 1, 0).
     */
    @Test
    void languageBindTemporalAttentionMatchesPyTorch() {
        Path dir = folder().resolveSibling("tiny-languagebind");
        JsonNode pixelsJson = expected();
        JsonNode expected;
        try {
            expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClipVisionConfig config = ClipVisionConfig.read(dir.resolve("config.json"));
        assertTrue(config.addTimeAttn());
        assertEquals(2, config.numFrames());
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LoadedBlock<ClipVisionModel> tower = BlockLoader.load(dir, new ClipVisionModel(config), List.of(""),
                     manager, DataType.FLOAT32, new Shape(2, 3, 28, 28))) {
            NDArray two = manager.create(floats(pixelsJson.get("pixels")), shape(pixelsJson.get("pixelsShape")));
            NDArray videos = NDArrays.stack(new NDList(two.get(0), two.get(1), two.get(1), two.get(0))); // [4, 3, S, S]
            JsonNode states = expected.get("hiddenStates");
            float worst = 0;
            for (int k = 0; k < states.size(); k++) {
                NDArray h = tower.block().features(new ParameterStore(manager, false), videos, k,
                        VisionFeature.CLS_PATCH, false);
                assertEquals(shape(expected.get("hiddenShape")), h.getShape());
                worst = Math.max(worst, maxDifference(h.toFloatArray(), states.get(k)));
            }
            System.out.println("max |LanguageBind hidden state - PyTorch| = " + worst);
            assertTrue(worst < TOLERANCE, "max |LanguageBind hidden state - PyTorch| = " + worst);
            // the same pixels at another frame position (another temporal embedding) give other tokens
            NDArray out = tower.block().features(new ParameterStore(manager, false), videos, -1,
                    VisionFeature.CLS_PATCH, false);
            assertTrue(out.get(0).sub(out.get(3)).abs().max().getFloat() > 1e-2);
        }
    }

    static LoadedBlock<ClipVisionModel> loadTower(NDManager manager, ClipVisionConfig config) {
        LoadedBlock<ClipVisionModel> tower = BlockLoader.load(folder(), new ClipVisionModel(config),
                List.of("", "video_tower."), manager, DataType.FLOAT32,
                new Shape(1, 3, config.imageSize(), config.imageSize()));
        assertEquals("", tower.prefix());
        return tower;
    }

    static float maxDifference(float[] actual, JsonNode expected) {
        assertEquals(expected.size(), actual.length);
        float worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - (float) expected.get(i).asDouble()));
        }
        return worst;
    }

    static Path folder() {
        try {
            return Path.of(ClipReferenceTest.class.getResource("/llm/tiny-clip").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode expected() {
        try {
            return new ObjectMapper().readTree(folder().resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return frames.bin: per frame a little-endian int32 width and height, then the RGB bytes */
    static List<RgbImage> frames() {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(folder().resolve("frames.bin")))
                    .order(ByteOrder.LITTLE_ENDIAN);
            List<RgbImage> out = new ArrayList<>();
            while (b.hasRemaining()) {
                int w = b.getInt();
                int h = b.getInt();
                byte[] rgb = new byte[w * h * 3];
                b.get(rgb);
                out.add(new RgbImage(w, h, rgb));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Shape shape(JsonNode dims) {
        long[] s = new long[dims.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = dims.get(i).asLong();
        }
        return new Shape(s);
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
