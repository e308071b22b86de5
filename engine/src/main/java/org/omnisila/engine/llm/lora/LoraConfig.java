package org.omnisila.engine.llm.lora;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What PEFT's {@code LoraConfig} says about an adapter that this engine uses (peft/tuners/lora/config.py): the rank,
 * the scale, the dropout and which modules carry a pair. Only the plain variant is represented: bias "none",
 * {@code fan_in_fan_out} false, no DoRA, no {@code modules_to_save}, no per-module ranks ({@link LoraConfigJson}
 * refuses the others by name).
 *
 * @param r             the rank
 * @param alpha         {@code lora_alpha}
 * @param dropout       {@code lora_dropout}, applied to the pair's input in training only
 * @param targetModules module names or suffixes (PEFT's list form); empty when {@code targetRegex} is used
 * @param targetRegex   PEFT's string form: a regular expression the whole module name must match; null for a list
 * @param useRslora     scaling alpha / sqrt(r) instead of alpha / r
 * @param baseModel     {@code base_model_name_or_path}, for the record (may be null)
 * @param taskType      {@code task_type}, for the record (may be null)
 */
public record LoraConfig(int r, double alpha, double dropout, List<String> targetModules, String targetRegex,
                         boolean useRslora, String baseModel, String taskType) {
    /** The attention projections of a LLaMA decoder, the paper's targets. */
    public static final List<String> ATTENTION = List.of("q_proj", "k_proj", "v_proj", "o_proj");
    /** The feed-forward projections, the optional targets. */
    public static final List<String> MLP = List.of("gate_proj", "up_proj", "down_proj");

    public LoraConfig {
        if (r <= 0) {
            throw new IllegalArgumentException("LoRA rank r must be > 0, got " + r);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("lora_dropout must be in [0, 1), got " + dropout);
        }
        targetModules = List.copyOf(targetModules);
        if (targetRegex == null && targetModules.isEmpty()) {
            throw new IllegalArgumentException("target_modules is empty: name the modules that get LoRA pairs");
        }
    }

    /** @return the paper's setting (r 16, alpha 64, dropout 0.05) on the given targets */
    public static LoraConfig paper(List<String> targets) {
        return of(16, 64, 0.05, targets);
    }

    /** @return a config with a list of targets, scaling alpha / r */
    public static LoraConfig of(int r, double alpha, double dropout, List<String> targets) {
        return new LoraConfig(r, alpha, dropout, targets, null, false, null, null);
    }

    /** @return the factor of B A: alpha / r, or alpha / sqrt(r) with rsLoRA (PEFT's {@code scaling}) */
    public double scaling() {
        return useRslora ? alpha / Math.sqrt(r) : alpha / r;
    }

    /**
     * PEFT's {@code check_target_module_exists}: a regular expression must match the whole name; a list matches a
     * name equal to one of its entries or ending with "." + one.
     *
     * @param module a module name ({@code model.layers.0.self_attn.q_proj})
     */
    public boolean matches(String module) {
        if (targetRegex != null) {
            return Pattern.matches(targetRegex, module);
        }
        return targetModules.stream().anyMatch(t -> module.equals(t) || module.endsWith("." + t));
    }

    /** @return the targets as the config names them (the list, or the regular expression) */
    public String describeTargets() {
        return targetRegex != null ? "the regular expression \"" + targetRegex + "\"" : targetModules.toString();
    }
}
