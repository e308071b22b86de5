package org.omnisila.engine.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a Hugging Face {@code config.json} into a {@link LlamaConfig}.
 *
 * <p>Missing fields take the defaults of Hugging Face's {@code LlamaConfig} (the 7B sizes, {@code
 * num_key_value_heads} = {@code num_attention_heads}, {@code rms_norm_eps} 1e-6, {@code rope_theta} 10000,
 * {@code max_position_embeddings} 2048, untied embeddings), because checkpoints rely on them: llava-hf's
 * Video-LLaVA puts the decoder's config under {@code text_config} and writes only what differs from them.
 * Vicuna and the original Video-LLaVA ({@code model_type} "llava") keep the decoder's fields at the top.
 *
 * <p>What the decoder does not implement is refused by name rather than run wrongly: another activation,
 * {@code rope_scaling}, biases on the projections, a {@code head_dim} other than hidden / heads.
 */
public final class LlamaConfigJson {
    /** model_type values whose decoder is LLaMA's. */
    static final Set<String> MODEL_TYPES = Set.of("llama", "llava", "llava_llama", "video_llava");

    private static final ObjectMapper JSON = new ObjectMapper();

    private LlamaConfigJson() {
    }

    /**
     * @param file a {@code config.json}
     * @return the decoder's config
     * @throws IllegalArgumentException naming the file and every field that is wrong or unsupported
     */
    public static LlamaConfig read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a readable config.json: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object");
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param root the parsed {@code config.json}
     * @return the decoder's config, from {@code text_config} when there is one
     * @throws IllegalArgumentException naming every field that is wrong or unsupported
     */
    public static LlamaConfig parse(JsonNode root) {
        String modelType = root.path("model_type").asText("");
        JsonNode c = root.has("text_config") ? root.get("text_config") : root;
        List<String> problems = new ArrayList<>();
        if (!MODEL_TYPES.contains(modelType)) {
            problems.add("model_type \"" + modelType + "\" is not a LLaMA decoder (expected one of "
                    + MODEL_TYPES.stream().sorted().toList() + ")");
        }
        String act = c.path("hidden_act").asText("silu");
        if (!act.equals("silu")) {
            problems.add("hidden_act \"" + act + "\" is not supported (LLaMA's MLP uses silu)");
        }
        if (c.hasNonNull("rope_scaling")) {
            problems.add("rope_scaling " + c.get("rope_scaling") + " is not supported (only plain rotary "
                    + "embeddings, as LLaMA-1/2 and Vicuna v1.5 use)");
        }
        for (String bias : new String[] {"attention_bias", "mlp_bias"}) {
            if (c.path(bias).asBoolean(false)) {
                problems.add(bias + " true is not supported (LLaMA's projections have no bias)");
            }
        }
        int hidden = c.path("hidden_size").asInt(4096);
        int heads = c.path("num_attention_heads").asInt(32);
        if (c.hasNonNull("head_dim") && heads > 0 && c.get("head_dim").asInt() != hidden / heads) {
            problems.add("head_dim " + c.get("head_dim").asInt() + " differs from hidden_size / num_attention_heads = "
                    + hidden / heads + ", which this decoder assumes");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new LlamaConfig(hidden, c.path("intermediate_size").asInt(11008),
                c.path("num_hidden_layers").asInt(32), heads,
                c.hasNonNull("num_key_value_heads") ? c.get("num_key_value_heads").asInt() : heads,
                c.path("rms_norm_eps").asDouble(1e-6), c.path("rope_theta").asDouble(10000.0),
                c.path("vocab_size").asInt(32000), c.path("max_position_embeddings").asInt(2048),
                c.path("tie_word_embeddings").asBoolean(root.path("tie_word_embeddings").asBoolean(false)));
    }
}
