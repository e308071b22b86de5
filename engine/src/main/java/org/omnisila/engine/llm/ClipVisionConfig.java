package org.omnisila.engine.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sizes of a CLIP vision transformer, as Hugging Face's {@code CLIPVisionConfig}.
 *
 * @param imageSize         S, the square input's side (224 for ViT-L/14)
 * @param patchSize         P, the patches' side (14)
 * @param hiddenSize        W, the width (1024)
 * @param intermediateSize  I, the MLP's width (4096)
 * @param numHiddenLayers   L (24)
 * @param numAttentionHeads H (16)
 * @param layerNormEps      the layer norms' eps (1e-5)
 * @param addTimeAttn       LanguageBind's video tower: each layer first attends across the frames of a video
 *                          ({@code add_time_attn}, see {@link ClipEncoderLayer})
 * @param numFrames         T, frames per video, for the temporal attention (8 for LanguageBind's video tower)
 */
public record ClipVisionConfig(int imageSize, int patchSize, int hiddenSize, int intermediateSize,
                               int numHiddenLayers, int numAttentionHeads, double layerNormEps, boolean addTimeAttn,
                               int numFrames) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks the sizes fit together. */
    public ClipVisionConfig {
        List<String> problems = new ArrayList<>();
        if (imageSize <= 0 || patchSize <= 0 || imageSize % patchSize != 0) {
            problems.add("image_size " + imageSize + " must be a positive multiple of patch_size " + patchSize);
        }
        if (hiddenSize <= 0 || numAttentionHeads <= 0 || hiddenSize % numAttentionHeads != 0) {
            problems.add("hidden_size " + hiddenSize + " must be a positive multiple of num_attention_heads "
                    + numAttentionHeads);
        }
        if (numFrames <= 0) {
            problems.add("num_frames " + numFrames + " must be > 0");
        }
        if (intermediateSize <= 0 || numHiddenLayers <= 0 || !(layerNormEps > 0)) {
            problems.add("intermediate_size " + intermediateSize + ", num_hidden_layers " + numHiddenLayers
                    + " and layer_norm_eps " + layerNormEps + " must be > 0");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** A plain CLIP tower, without temporal attention. */
    public ClipVisionConfig(int imageSize, int patchSize, int hiddenSize, int intermediateSize, int numHiddenLayers,
                            int numAttentionHeads, double layerNormEps) {
        this(imageSize, patchSize, hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads, layerNormEps,
                false, ClipFramePreprocessor.FRAMES);
    }

    /** @return ViT-L/14 at 224 pixels, OpenAI's CLIP-L/14 layout (no temporal attention) */
    public static ClipVisionConfig vitL14() {
        return new ClipVisionConfig(224, 14, 1024, 4096, 24, 16, 1e-5);
    }

    /** @return ViT-L/14 with temporal attention over 8 frames, LanguageBind's video tower as Video-LLaVA uses it */
    public static ClipVisionConfig languageBindVideo() {
        return new ClipVisionConfig(224, 14, 1024, 4096, 24, 16, 1e-5, true, ClipFramePreprocessor.FRAMES);
    }

    /** @return D = W / H */
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    /** @return (S / P)^2, 256 for ViT-L/14 at 224 */
    public int numPatches() {
        int side = imageSize / patchSize;
        return side * side;
    }

    /** @return 1 + (S / P)^2: the CLS token and the patches, 257 for ViT-L/14 at 224 */
    public int numPositions() {
        return 1 + numPatches();
    }

    /**
     * Reads a {@code config.json}: a {@code CLIPVisionConfig} itself, or a model config holding one under
     * {@code vision_config} (CLIP, LanguageBind). Missing fields take {@code CLIPVisionConfig}'s defaults
     * (ViT-B/32: 224, 32, 768, 3072, 12, 12, 1e-5).
     *
     * @throws IllegalArgumentException naming the file and what is wrong or not supported
     */
    public static ClipVisionConfig read(Path file) {
        try {
            return parse(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a readable config.json: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param root the parsed {@code config.json}
     * @return its vision config
     * @throws IllegalArgumentException for an activation other than quick_gelu, other than 3 channels, or
     *                                  LanguageBind's {@code clip_type} "vl_new" (3D patch embeddings, not
     *                                  implemented)
     */
    public static ClipVisionConfig parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        JsonNode c = root.has("vision_config") ? root.get("vision_config") : root;
        List<String> problems = new ArrayList<>();
        String act = c.path("hidden_act").asText("quick_gelu");
        if (!act.equals("quick_gelu")) {
            problems.add("hidden_act \"" + act + "\" is not supported (CLIP's MLP uses quick_gelu)");
        }
        if (c.path("num_channels").asInt(3) != 3) {
            problems.add("num_channels " + c.get("num_channels") + " is not supported (RGB: 3)");
        }
        if (c.path("clip_type").asText("vl").equals("vl_new")) {
            problems.add("clip_type \"vl_new\" (LanguageBind's 3D patch embedding) is not supported");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ClipVisionConfig(c.path("image_size").asInt(224), c.path("patch_size").asInt(32),
                c.path("hidden_size").asInt(768), c.path("intermediate_size").asInt(3072),
                c.path("num_hidden_layers").asInt(12), c.path("num_attention_heads").asInt(12),
                c.path("layer_norm_eps").asDouble(1e-5), c.path("add_time_attn").asBoolean(false),
                c.path("num_frames").asInt(ClipFramePreprocessor.FRAMES));
    }
}
