package org.omnisila.engine.llm.hf;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.icm.DeviceChoice;
import org.omnisila.engine.icm.checkpoint.CheckpointException;
import org.omnisila.engine.llm.LlamaConfig;
import org.omnisila.engine.llm.LlamaConfigJson;
import org.omnisila.engine.llm.LlamaForCausalLM;
import org.omnisila.engine.llm.MemoryBudget;
import org.omnisila.engine.llm.MemoryEstimate;
import org.omnisila.engine.llm.Precision;

/**
 * Loads a LLaMA decoder from a Hugging Face folder ({@link HfModelFolder}) in four steps, each of which can
 * refuse before the next costs anything:
 * <ol>
 *   <li>the config ({@link LlamaConfigJson});
 *   <li>the memory estimate against the device ({@link MemoryBudget});
 *   <li>every safetensors header against the model's parameter names and shapes: all missing, mis-shaped and
 *       non-float tensors are listed in one message naming tensor, file and both shapes;
 *   <li>the data, shard by shard, tensor by tensor, through one reused staging buffer the size of the largest
 *       tensor: the peak is the model plus one tensor, not the model plus a shard.
 * </ol>
 * Tensors that are not the decoder's (a Video-LLaVA video tower and projector, old {@code rotary_emb.inv_freq}
 * buffers) are skipped and listed in the result. Checkpoints that nest the decoder under {@code language_model.}
 * (llava-hf) are recognised by their embedding's name.
 */
public final class LlamaLoader {
    /** Prefixes before {@code model.embed_tokens.weight}, in the order they are tried. */
    static final List<String> PREFIXES = List.of("", "language_model.");

    private LlamaLoader() {
    }

    /**
     * @param precision     the parameters' format (fp32 or fp16 on the CPU)
     * @param contextLength positions the KV cache must hold, for the estimate; 0 for the config's maximum
     * @param batch         sequences decoded together, for the estimate
     * @param memoryBudget  bytes the device may give; -1 to ask the device ({@link MemoryBudget#available})
     */
    public record Settings(Precision precision, int contextLength, int batch, long memoryBudget) {
        /** @return fp32, the config's maximum context, one sequence, the device's own budget */
        public static Settings cpuDefaults() {
            return new Settings(Precision.FP32, 0, 1, -1);
        }

        /** @return these settings with a given budget in bytes (tests; a user's own limit) */
        public Settings withMemoryBudget(long bytes) {
            return new Settings(precision, contextLength, batch, bytes);
        }
    }

    /**
     * @param dir      a Hugging Face model folder
     * @param parent   the manager whose device the model goes to; the model gets a sub-manager of it
     * @param settings precision and what to budget for
     * @return the loaded model; close it to free its memory
     * @throws CheckpointException      for a missing or unreadable file, a truncated shard, missing, mis-shaped or
     *                                  non-float tensors (all of them in one message)
     * @throws IllegalArgumentException for an unusable config.json, or bf16 asked for on the CPU
     * @throws IllegalStateException    when the estimate does not fit the device's memory
     */
    public static LoadedLlama load(Path dir, NDManager parent, Settings settings) {
        HfModelFolder folder = HfModelFolder.open(dir);
        LlamaConfig config = LlamaConfigJson.read(folder.configFile());
        String device = DeviceChoice.describe(parent.getDevice());
        settings.precision().requireUsableOn(parent.getDevice());
        int context = settings.contextLength() > 0 ? settings.contextLength() : config.maxPositionEmbeddings();
        MemoryEstimate estimate = MemoryEstimate.of(config, settings.precision(), context, settings.batch());
        long budget = settings.memoryBudget() >= 0 ? settings.memoryBudget() : MemoryBudget.available(parent.getDevice());
        MemoryBudget.require(estimate, budget, device);

        FolderWeights weights = FolderWeights.read(folder);
        String prefix = weights.prefixOf("model.embed_tokens.weight", PREFIXES);
        LlamaForCausalLM model = new LlamaForCausalLM(config);
        Map<String, Parameter> parameters = HfParameterNames.of(model);
        NDManager manager = weights.load(model, parameters, prefix, parent, settings.precision().dataType(),
                new Shape(1, 1));
        List<String> ignored = weights.ignored(parameters, prefix);
        return new LoadedLlama(dir, model, manager, estimate, prefix, ignored);
    }
}
