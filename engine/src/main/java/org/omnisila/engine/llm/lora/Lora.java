package org.omnisila.engine.llm.lora;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.llm.Projection;
import org.omnisila.engine.llm.hf.HfParameterNames;

/**
 * LoRA (Hu et al. 2021) on the {@link Projection}s of a model, as PEFT's {@code LoraModel} puts it there
 * (peft/tuners/lora/model.py, layer.py): a pair on every projection whose module name the config's targets match,
 * A initialised as {@code nn.Linear} is (kaiming-uniform with a = sqrt(5): U(-1/sqrt(in), 1/sqrt(in))), B zero,
 * so a new adapter changes nothing until trained. Merging adds scaling * B A into W for inference.
 *
 * <p>The model is walked by Hugging Face module names ({@link HfParameterNames#blocks}); a pair's parameters are
 * {@code <module>.lora_A.weight} [r, in] and {@code <module>.lora_B.weight} [out, r].
 */
public final class Lora {
    private Lora() {
    }

    /**
     * The projections the config targets, without changing anything (no allocation: the count of a 7B model is
     * known from its config).
     *
     * @throws IllegalArgumentException when no projection matches, naming the targets
     */
    public static LoraAttachment plan(Block root, LoraConfig config) {
        Map<String, Projection> targets = targets(root, config);
        long count = targets.values().stream().mapToLong(p -> (long) config.r() * (p.in() + p.out())).sum();
        return new LoraAttachment(List.copyOf(targets.keySet()), count);
    }

    /**
     * Attaches a pair to every targeted projection and initialises it as PEFT does (A kaiming-uniform, B 0).
     *
     * @param root    a model whose projections are initialised (loaded)
     * @param manager where the pairs' arrays go (their device)
     * @param type    their type (the model's)
     * @return the modules and the parameter count
     * @throws IllegalArgumentException when no projection matches
     * @throws IllegalStateException    when a targeted projection has a pair already
     */
    public static LoraAttachment attach(Block root, LoraConfig config, NDManager manager, DataType type) {
        Map<String, LoraPair> pairs = newPairs(root, config);
        for (LoraPair pair : pairs.values()) {
            Parameter a = pair.a();
            float bound = (float) (1 / Math.sqrt(a.getShape().get(1)));
            a.setInitializer((m, shape, t) -> m.randomUniform(-bound, bound, shape, t));
            a.initialize(manager, type);
            pair.b().setInitializer((m, shape, t) -> m.zeros(shape, t));
            pair.b().initialize(manager, type);
        }
        attach(pairs);
        return plan(root, config);
    }

    /** New pairs, without arrays, for every targeted projection, not attached yet (a loader fills them first). */
    static Map<String, LoraPair> newPairs(Block root, LoraConfig config) {
        Map<String, LoraPair> out = new LinkedHashMap<>();
        for (Map.Entry<String, Projection> e : targets(root, config).entrySet()) {
            if (e.getValue().adapter() != null) {
                throw new IllegalStateException(e.getKey() + " has an adapter already (one adapter per model)");
            }
            out.put(e.getKey(), new LoraPair(e.getValue(), config.r(), config.scaling(), config.dropout()));
        }
        return out;
    }

    /** Attaches pairs from {@link #newPairs} to their projections. */
    static void attach(Map<String, LoraPair> pairs) {
        pairs.values().forEach(LoraPair::attachToBase);
    }

    private static Map<String, Projection> targets(Block root, LoraConfig config) {
        Map<String, Projection> out = new LinkedHashMap<>();
        HfParameterNames.blocks(root).forEach((name, block) -> {
            if (block instanceof Projection p && config.matches(name)) {
                out.put(name, p);
            }
        });
        if (out.isEmpty()) {
            throw new IllegalArgumentException("target_modules " + config.describeTargets() + " match none of the "
                    + "model's projections (e.g. " + HfParameterNames.blocks(root).entrySet().stream()
                    .filter(e -> e.getValue() instanceof Projection).limit(3).map(Map.Entry::getKey).toList() + ")");
        }
        return out;
    }

    /** @return the attached pairs by module name, in model order (empty when none) */
    public static Map<String, LoraPair> pairs(Block root) {
        Map<String, LoraPair> out = new LinkedHashMap<>();
        HfParameterNames.blocks(root).forEach((name, block) -> {
            if (block instanceof Projection p && p.adapter() instanceof LoraPair pair) {
                out.put(name, pair);
            }
        });
        return out;
    }

    /** W += scaling * B A for every pair; the pairs then add nothing (what inference uses). */
    public static void merge(Block root) {
        requirePairs(root).values().forEach(LoraPair::merge);
    }

    /** Undoes {@link #merge}: W -= scaling * B A (W comes back up to float rounding). */
    public static void unmerge(Block root) {
        requirePairs(root).values().forEach(LoraPair::unmerge);
    }

    /** @return the pairs' parameters by Hugging Face name ({@code ...q_proj.lora_A.weight}), in model order */
    public static Map<String, Parameter> trainableParameters(Block root) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        HfParameterNames.of(root).forEach((name, p) -> {
            if (isLora(name)) {
                out.put(name, p);
            }
        });
        return out;
    }

    /**
     * For training: freezes every parameter that is not a pair's (no gradient), unfreezes the pairs'.
     *
     * @return the trainable parameters ({@link #trainableParameters})
     * @throws IllegalStateException when no pair is attached
     */
    public static Map<String, Parameter> freezeBase(Block root) {
        requirePairs(root);
        HfParameterNames.of(root).forEach((name, p) -> p.freeze(!isLora(name)));
        return trainableParameters(root);
    }

    static boolean isLora(String parameterName) {
        return parameterName.endsWith(".lora_A.weight") || parameterName.endsWith(".lora_B.weight");
    }

    private static Map<String, LoraPair> requirePairs(Block root) {
        Map<String, LoraPair> pairs = pairs(root);
        if (pairs.isEmpty()) {
            throw new IllegalStateException("the model has no LoRA pairs (attach or load an adapter first)");
        }
        return pairs;
    }
}
