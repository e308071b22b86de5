package org.omnisila.engine.llm.lora;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.icm.checkpoint.CheckpointException;
import org.omnisila.engine.llm.hf.FolderWeights;
import org.omnisila.engine.llm.hf.HfModelFolder;

/**
 * Loads a PEFT LoRA adapter folder onto a loaded model: {@code adapter_config.json} ({@link LoraConfigJson}) and
 * {@code adapter_model.safetensors} with {@code base_model.model.<module>.lora_A.weight} [r, in] and
 * {@code .lora_B.weight} [out, r] (peft/utils/save_and_load.py: the adapter name "default" is taken out of the keys
 * on saving). LLaVA's and Video-LLaVA's {@code train.py} save their LoRA adapters this way; their extra
 * {@code non_lora_trainables.bin} (the projector, when it was trained) is a pickle and is not read.
 *
 * <p>Steps, each refusing before the next costs anything: the config; the targets against the model's projections;
 * the file's header against the pairs (every pair's tensors present, of their shapes and a float type, and no lora
 * tensor for a module the model lacks or the config does not target: all problems in one message); then the data,
 * tensor by tensor ({@link FolderWeights}), converted to {@code type}. The pairs' parameters are left frozen (for
 * inference; {@link Lora#freezeBase} makes them trainable).
 */
public final class PeftAdapterLoader {
    /** PEFT's {@code PeftModel} wraps the model twice: {@code base_model} ({@code LoraModel}), then {@code model}. */
    public static final String PREFIX = "base_model.model.";
    public static final String CONFIG = "adapter_config.json";
    public static final String WEIGHTS = "adapter_model.safetensors";
    static final String PICKLE = "adapter_model.bin";

    private PeftAdapterLoader() {
    }

    /**
     * @param folder  a PEFT adapter folder
     * @param root    the loaded base model (its module names are the keys after {@link #PREFIX})
     * @param parent  the manager whose device the pairs go to; they get a sub-manager of it
     * @param type    the pairs' type (the model's)
     * @return the adapter, attached unmerged; close it with the model
     * @throws CheckpointException      for a missing or unreadable file, a refused setting, missing, mis-shaped,
     *                                  non-float or unexpected tensors (all in one message)
     * @throws IllegalArgumentException when the targets match none of the model's projections
     */
    public static LoadedAdapter load(Path folder, Block root, NDManager parent, DataType type) {
        Path configFile = folder.resolve(CONFIG);
        Path weightsFile = folder.resolve(WEIGHTS);
        if (!Files.isDirectory(folder)) {
            throw new CheckpointException(folder + " is not a folder (expected a PEFT adapter folder with " + CONFIG
                    + " and " + WEIGHTS + ")");
        }
        if (!Files.isRegularFile(configFile)) {
            throw new CheckpointException(folder + " has no " + CONFIG + " (not a PEFT adapter folder)");
        }
        if (!Files.isRegularFile(weightsFile)) {
            throw new CheckpointException(folder + " has no " + WEIGHTS + (Files.isRegularFile(folder.resolve(PICKLE))
                    ? "; its " + PICKLE + " is a pickle, which is not read: convert it once with Python, e.g. "
                    + "safetensors.torch.save_file(torch.load(\"" + PICKLE + "\", map_location=\"cpu\"), \""
                    + WEIGHTS + "\"), or save the adapter with PEFT's save_pretrained(..., safe_serialization=True)"
                    : ""));
        }
        LoraConfig config = LoraConfigJson.read(configFile);
        LoraAttachment plan = Lora.plan(root, config);
        Map<String, LoraPair> pairs = Lora.newPairs(root, config);
        FolderWeights weights = FolderWeights.read(new HfModelFolder(folder, configFile, List.of(weightsFile),
                Map.of()));
        Map<String, Parameter> expected = parameters(pairs);
        List<String> problems = new ArrayList<>(weights.problems(expected, PREFIX));
        for (String name : weights.names()) {
            String key = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : null;
            if (name.contains("lora_") && (key == null || !expected.containsKey(key))) {
                problems.add("tensor " + name + " in " + WEIGHTS + " is for a module "
                        + (key == null ? "outside " + PREFIX : "the model lacks or " + CONFIG + " does not target"));
            }
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException(folder + ": the adapter does not fit the model and " + CONFIG + " ("
                    + problems.size() + " problem(s)): " + String.join("; ", problems));
        }
        NDManager manager = parent.newSubManager();
        try {
            weights.fill(expected, PREFIX, manager, type);
            Lora.attach(pairs);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return new LoadedAdapter(folder, config, plan, manager);
    }

    /** @return the pairs' parameters by name after {@link #PREFIX} */
    private static Map<String, Parameter> parameters(Map<String, LoraPair> pairs) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        pairs.forEach((module, pair) -> {
            out.put(module + ".lora_A.weight", pair.a());
            out.put(module + ".lora_B.weight", pair.b());
        });
        return out;
    }
}
