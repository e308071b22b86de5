package org.omnisila.engine.llm.lora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.omnisila.engine.icm.checkpoint.CheckpointException;

/**
 * PEFT's {@code adapter_config.json} (peft/config.py, peft/tuners/lora/config.py) read into a {@link LoraConfig},
 * and written back. What this engine cannot do is refused by field name: {@code peft_type} other than LORA,
 * {@code bias} other than "none", {@code fan_in_fan_out} true, {@code use_dora} true, a non-empty
 * {@code modules_to_save}, {@code rank_pattern} or {@code alpha_pattern}, {@code layers_to_transform}. Missing
 * fields take PEFT's defaults (r 8, lora_alpha 8, lora_dropout 0).
 */
public final class LoraConfigJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoraConfigJson() {
    }

    /**
     * @throws CheckpointException naming the file and the field for unreadable JSON, a refused setting or a
     *                             missing {@code target_modules}
     */
    public static LoraConfig read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new CheckpointException(file + ": not readable JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file + ": not a JSON object");
        }
        List<String> refused = new ArrayList<>();
        String peftType = root.path("peft_type").asText("LORA");
        if (!peftType.equals("LORA")) {
            refused.add("peft_type \"" + peftType + "\" (only LORA is read)");
        }
        String bias = root.path("bias").asText("none");
        if (!bias.equals("none")) {
            refused.add("bias \"" + bias + "\" (only \"none\": trained biases are not supported)");
        }
        if (root.path("fan_in_fan_out").asBoolean(false)) {
            refused.add("fan_in_fan_out true (GPT-2's Conv1D layout; LLaMA's projections are nn.Linear)");
        }
        if (root.path("use_dora").asBoolean(false)) {
            refused.add("use_dora true (DoRA's magnitude vector is not supported)");
        }
        for (String field : List.of("modules_to_save", "rank_pattern", "alpha_pattern", "layers_to_transform")) {
            JsonNode v = root.path(field);
            if (!v.isMissingNode() && !v.isNull() && !(v.isContainerNode() && v.isEmpty())) {
                refused.add(field + " " + v + " (not supported: only plain LoRA pairs with one r and alpha)");
            }
        }
        if (!refused.isEmpty()) {
            throw new CheckpointException(file + ": this adapter uses what this engine does not support: "
                    + String.join("; ", refused));
        }
        JsonNode targets = root.path("target_modules");
        List<String> list = new ArrayList<>();
        String regex = null;
        if (targets.isTextual()) {
            regex = targets.asText();
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new CheckpointException(file + ": target_modules \"" + regex + "\" is not a regular "
                        + "expression: " + e.getDescription(), e);
            }
        } else if (targets.isArray() && !targets.isEmpty()) {
            targets.forEach(t -> list.add(t.asText()));
        } else {
            throw new CheckpointException(file + ": target_modules must be a non-empty list or a regular "
                    + "expression, got " + targets);
        }
        int r = root.path("r").asInt(8);
        double alpha = root.path("lora_alpha").asDouble(8);
        double dropout = root.path("lora_dropout").asDouble(0);
        if (r <= 0 || !(dropout >= 0 && dropout < 1)) {
            throw new CheckpointException(file + ": r must be > 0 and lora_dropout in [0, 1), got r " + r
                    + ", lora_dropout " + dropout);
        }
        return new LoraConfig(r, alpha, dropout, list, regex, root.path("use_rslora").asBoolean(false),
                text(root, "base_model_name_or_path"), text(root, "task_type"));
    }

    private static String text(JsonNode root, String field) {
        JsonNode v = root.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    /** @return adapter_config.json for the config, with the fields PEFT writes for plain LoRA */
    public static String write(LoraConfig config) {
        ObjectNode root = JSON.createObjectNode();
        root.put("peft_type", "LORA");
        root.put("task_type", config.taskType() == null ? "CAUSAL_LM" : config.taskType());
        root.put("base_model_name_or_path", config.baseModel());
        root.put("r", config.r());
        if (config.alpha() == Math.rint(config.alpha()) && Math.abs(config.alpha()) < Integer.MAX_VALUE) {
            root.put("lora_alpha", (int) config.alpha()); // an int, as PEFT's LoraConfig types and writes it
        } else {
            root.put("lora_alpha", config.alpha());
        }
        root.put("lora_dropout", config.dropout());
        if (config.targetRegex() != null) {
            root.put("target_modules", config.targetRegex());
        } else {
            ArrayNode targets = root.putArray("target_modules");
            config.targetModules().forEach(targets::add);
        }
        root.put("bias", "none");
        root.put("fan_in_fan_out", false);
        root.put("use_rslora", config.useRslora());
        root.put("use_dora", false);
        root.putNull("modules_to_save");
        root.putObject("rank_pattern");
        root.putObject("alpha_pattern");
        root.put("init_lora_weights", true);
        root.put("inference_mode", true);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
