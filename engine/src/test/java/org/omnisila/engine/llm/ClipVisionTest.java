package org.omnisila.engine.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.icm.checkpoint.CheckpointException;
import org.omnisila.engine.llm.hf.BlockLoader;
import org.omnisila.engine.llm.hf.HfParameterNames;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SampledFrame;

/**
 * The video tower and projector at Video-LLaVA's shapes (224 pixels, patch 14, 8 frames) with a tiny width, the
 * full ViT-L/14 layout's names and parameter count, the config, the preprocessing by hand, and the loader's
 * refusals. The numbers against PyTorch are {@link ClipReferenceTest}'s.
 */
class ClipVisionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void videoLlavaShapesWithATinyWidth() {
        ClipVisionConfig config = new ClipVisionConfig(224, 14, 16, 32, 3, 2, 1e-5);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ClipVisionModel tower = initialised(new ClipVisionModel(config), manager, new Shape(1, 3, 224, 224));
            MmProjector projector = initialised(new MmProjector(16, 24), manager, new Shape(1, 16));
            ParameterStore ps = new ParameterStore(manager, false);
            List<SampledFrame> frames = new ArrayList<>();
            for (int f = 0; f < ClipFramePreprocessor.FRAMES; f++) {
                frames.add(new SampledFrame(f, f, gradient(320, 240, f)));
            }
            NDArray pixels = new ClipFramePreprocessor(224).pixels(manager, frames);
            assertEquals(new Shape(8, 3, 224, 224), pixels.getShape());
            NDArray all = tower.features(ps, pixels, ClipVisionModel.VIDEO_LLAVA_SELECT_LAYER,
                    VisionFeature.CLS_PATCH, false);
            assertEquals(new Shape(8, 257, 16), all.getShape());
            assertEquals(new Shape(8, 256, 16), tower.features(ps, pixels, -2, VisionFeature.PATCH, false)
                    .getShape());
            NDArray projected = projector.apply(ps, all, false);
            assertEquals(new Shape(8, 257, 24), projected.getShape()); // 8 x 257 = 2056 video tokens
            assertEquals(new Shape(8, 257, 24), projector.getOutputShapes(new Shape[] {all.getShape()})[0]);
            assertTrue(projected.isInfinite().logicalOr(projected.isNaN()).none().getBoolean());
            // frames differ, so their tokens do; within a frame the tokens differ by position
            assertTrue(all.get(0).sub(all.get(1)).abs().max().getFloat() > 1e-3);
            assertThrows(IllegalArgumentException.class, () -> tower.features(ps, pixels, 4, VisionFeature.PATCH,
                    false));
            assertThrows(IllegalArgumentException.class, () -> tower.features(ps, pixels, -5, VisionFeature.PATCH,
                    false));
            assertThrows(IllegalArgumentException.class, () -> tower.features(ps, manager.zeros(
                    new Shape(1, 3, 112, 112)), -2, VisionFeature.PATCH, false));
        }
    }

    @Test
    void languageBindShapesWithATinyWidth() {
        ClipVisionConfig config = new ClipVisionConfig(224, 14, 16, 32, 2, 2, 1e-5, true, 8);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ClipVisionModel tower = initialised(new ClipVisionModel(config), manager, new Shape(8, 3, 224, 224));
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray pixels = manager.randomNormal(new Shape(16, 3, 224, 224)); // two videos of 8 frames
            assertEquals(new Shape(16, 257, 16), tower.features(ps, pixels, -2, VisionFeature.CLS_PATCH, false)
                    .getShape());
            // each video is its own: the second video's tokens do not depend on the first's frames
            NDArray second = tower.features(ps, pixels.get("8:"), -1, VisionFeature.CLS_PATCH, false);
            NDArray both = tower.features(ps, pixels, -1, VisionFeature.CLS_PATCH, false);
            assertTrue(both.get("8:").sub(second).abs().max().getFloat() < 1e-5);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tower.features(ps,
                    pixels.get(":7"), -2, VisionFeature.PATCH, false));
            assertTrue(e.getMessage().contains("multiple of 8 frames, got 7"), e.getMessage());
        }
    }

    @Test
    void vitL14NamesShapesAndParameterCount() {
        Map<String, Parameter> p = HfParameterNames.of(new ClipVisionModel(ClipVisionConfig.vitL14()));
        assertEquals(new Shape(1024, 3, 14, 14), p.get("vision_model.embeddings.patch_embedding.weight").getShape());
        assertEquals(new Shape(1024), p.get("vision_model.embeddings.class_embedding").getShape());
        assertEquals(new Shape(257, 1024), p.get("vision_model.embeddings.position_embedding.weight").getShape());
        assertEquals(new Shape(1024), p.get("vision_model.pre_layrnorm.bias").getShape());
        assertEquals(new Shape(1024, 1024), p.get("vision_model.encoder.layers.23.self_attn.out_proj.weight")
                .getShape());
        assertEquals(new Shape(4096, 1024), p.get("vision_model.encoder.layers.0.mlp.fc1.weight").getShape());
        assertEquals(new Shape(1024), p.get("vision_model.encoder.layers.5.layer_norm2.weight").getShape());
        assertEquals(3 + 2 + 24 * 16, p.size());
        // OpenAI's CLIP ViT-L/14 vision tower: 303,179,776 parameters with the post_layernorm (2 x 1024) we skip
        assertEquals(303_179_776L - 2048, p.values().stream().mapToLong(x -> x.getShape().size()).sum());

        // LanguageBind's video tower: per layer a temporal embedding [1, 8, W], attention and layer norm more
        Map<String, Parameter> lb = HfParameterNames.of(new ClipVisionModel(ClipVisionConfig.languageBindVideo()));
        assertEquals(new Shape(1, 8, 1024), lb.get("vision_model.encoder.layers.7.temporal_embedding").getShape());
        assertEquals(new Shape(1024, 1024), lb.get("vision_model.encoder.layers.7.temporal_attn.k_proj.weight")
                .getShape());
        assertEquals(new Shape(1024), lb.get("vision_model.encoder.layers.7.temporal_layer_norm1.bias").getShape());
        assertEquals(303_179_776L - 2048 + 24L * (8 * 1024 + 4 * (1024 * 1024 + 1024) + 2 * 1024),
                lb.values().stream().mapToLong(x -> x.getShape().size()).sum());

        Map<String, Parameter> mlp = HfParameterNames.of(new MmProjector(1024, 4096));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(mlp.keySet()));
        assertEquals(new Shape(4096, 1024), mlp.get("0.weight").getShape());
        assertEquals(20_979_712L, mlp.values().stream().mapToLong(x -> x.getShape().size()).sum());
    }

    @Test
    void configJson() throws Exception {
        ClipVisionConfig c = ClipVisionConfig.parse(JSON.readTree("""
                {"model_type": "LanguageBindVideo", "vision_config": {"image_size": 224, "patch_size": 14,
                 "hidden_size": 1024, "intermediate_size": 4096, "num_hidden_layers": 24,
                 "num_attention_heads": 16, "hidden_act": "quick_gelu", "layer_norm_eps": 1e-05}}"""));
        assertEquals(ClipVisionConfig.vitL14(), c);
        assertEquals(64, c.headDim());
        assertEquals(256, c.numPatches());
        assertEquals(257, c.numPositions());
        assertEquals(new ClipVisionConfig(224, 32, 768, 3072, 12, 12, 1e-5), ClipVisionConfig.parse(
                JSON.readTree("{}"))); // Hugging Face's CLIPVisionConfig defaults
        assertEquals(ClipVisionConfig.languageBindVideo(), ClipVisionConfig.parse(JSON.readTree("""
                {"vision_config": {"image_size": 224, "patch_size": 14, "hidden_size": 1024,
                 "intermediate_size": 4096, "num_hidden_layers": 24, "num_attention_heads": 16,
                 "add_time_attn": true, "num_frames": 8}}""")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClipVisionConfig.parse(
                JSON.readTree("{\"hidden_act\": \"gelu\", \"clip_type\": \"vl_new\"}")));
        assertTrue(e.getMessage().contains("hidden_act \"gelu\""), e.getMessage());
        assertTrue(e.getMessage().contains("vl_new"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ClipVisionConfig(224, 15, 16, 32, 1, 2, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> new ClipVisionConfig(224, 14, 16, 32, 1, 3, 1e-5));
        assertEquals(VisionFeature.PATCH, VisionFeature.of("patch"));
        assertEquals(VisionFeature.CLS_PATCH, VisionFeature.of("cls_patch"));
        assertThrows(IllegalArgumentException.class, () -> VisionFeature.of("cls"));
    }

    @Test
    void preprocessingByHand() {
        ClipFramePreprocessor pre = new ClipFramePreprocessor(4);
        // a uniform frame stays uniform: (v / 255 - mean) / std per channel
        byte[] rgb = new byte[10 * 6 * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) 200;
            rgb[i + 1] = 100;
            rgb[i + 2] = 0;
        }
        float[] uniform = pre.frame(new RgbImage(10, 6, rgb));
        for (int c = 0; c < 3; c++) {
            float v = (new int[] {200, 100, 0}[c] / 255f - ClipFramePreprocessor.MEAN[c]) / ClipFramePreprocessor.STD[c];
            for (int i = 0; i < 16; i++) {
                assertEquals(v, uniform[c * 16 + i], 1e-6f);
            }
        }
        // the same size: no resampling at all, the crop is the frame
        byte[] ramp = new byte[4 * 4 * 3];
        for (int i = 0; i < 16; i++) {
            ramp[i * 3] = (byte) (i * 10);
        }
        float[] same = pre.frame(new RgbImage(4, 4, ramp));
        for (int i = 0; i < 16; i++) {
            assertEquals((i * 10 / 255f - ClipFramePreprocessor.MEAN[0]) / ClipFramePreprocessor.STD[0], same[i],
                    1e-6f);
        }
        // halving 8 x 8 to 4 x 4 bilinearly (no antialias) averages each 2 x 2 block's pixels
        byte[] big = new byte[8 * 8 * 3];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                big[(y * 8 + x) * 3] = (byte) (y * 8 + x);
            }
        }
        float[] half = pre.frame(new RgbImage(8, 8, big));
        float topLeft = (0 + 1 + 8 + 9) / 4f / 255f;
        assertEquals((topLeft - ClipFramePreprocessor.MEAN[0]) / ClipFramePreprocessor.STD[0], half[0], 1e-6f);
    }

    @Test
    void loaderRefusesAMisShapedTower() {
        ClipVisionConfig wider = new ClipVisionConfig(28, 14, 64, 64, 3, 4, 1e-5);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> BlockLoader.load(
                    ClipReferenceTest.folder(), new ClipVisionModel(wider), List.of(""), manager, DataType.FLOAT32,
                    new Shape(1, 3, 28, 28)));
            assertTrue(e.getMessage().contains("tensor vision_model.embeddings.class_embedding in model.safetensors "
                    + "has shape (32), the config expects (64)"), e.getMessage());
            ClipVisionConfig deeper = new ClipVisionConfig(28, 14, 32, 64, 4, 4, 1e-5);
            e = assertThrows(CheckpointException.class, () -> BlockLoader.load(ClipReferenceTest.folder(),
                    new ClipVisionModel(deeper), List.of(""), manager, DataType.FLOAT32, new Shape(1, 3, 28, 28)));
            assertTrue(e.getMessage().contains("tensor vision_model.encoder.layers.3.mlp.fc1.weight (expected "
                    + "(64, 32)) is missing"), e.getMessage());
        }
    }

    private static <B extends Block> B initialised(B block, NDManager manager, Shape input) {
        block.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
        block.getParameters().values().forEach(p -> p.freeze(true));
        manager.getEngine().setRandomSeed(7);
        block.initialize(manager, DataType.FLOAT32, input);
        return block;
    }

    /** A frame whose colour depends on the position and on {@code seed}. */
    private static RgbImage gradient(int width, int height, int seed) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = (y * width + x) * 3;
                rgb[o] = (byte) (x + seed * 17);
                rgb[o + 1] = (byte) (y * 2 + seed);
                rgb[o + 2] = (byte) (x ^ y);
            }
        }
        return new RgbImage(width, height, rgb);
    }
}
