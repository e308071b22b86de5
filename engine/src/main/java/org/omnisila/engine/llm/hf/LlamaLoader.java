package org.omnisila.engine.llm.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * @param precision     the parameters' format (fp32 on the CPU)
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
     * @throws IllegalArgumentException for an unusable config.json, or fp16/bf16 asked for on the CPU
     * @throws IllegalStateException    when the estimate does not fit the device's memory
     */
    public static LoadedLlama load(Path dir, NDManager parent, Settings settings) {
        HfModelFolder folder = HfModelFolder.open(dir);
        LlamaConfig config = LlamaConfigJson.read(folder.configFile());
        String device = DeviceChoice.describe(parent.getDevice());
        if (settings.precision() != Precision.FP32 && !parent.getDevice().isGpu()) {
            throw new IllegalArgumentException(settings.precision() + " is for CUDA; on the CPU load in fp32");
        }
        int context = settings.contextLength() > 0 ? settings.contextLength() : config.maxPositionEmbeddings();
        MemoryEstimate estimate = MemoryEstimate.of(config, settings.precision(), context, settings.batch());
        long budget = settings.memoryBudget() >= 0 ? settings.memoryBudget() : MemoryBudget.available(parent.getDevice());
        MemoryBudget.require(estimate, budget, device);

        Map<String, Located> stored = headers(folder);
        String prefix = PREFIXES.stream().filter(p -> stored.containsKey(p + "model.embed_tokens.weight"))
                .findFirst().orElse("");
        LlamaForCausalLM model = new LlamaForCausalLM(config);
        Map<String, Parameter> parameters = HfParameterNames.of(model);
        check(folder, parameters, stored, prefix);
        List<String> ignored = stored.keySet().stream()
                .filter(n -> !n.startsWith(prefix) || !parameters.containsKey(n.substring(prefix.length())))
                .sorted().toList();

        NDManager manager = parent.newSubManager();
        try {
            read(folder, parameters, stored, prefix, manager, settings.precision().dataType());
            model.initialize(manager, settings.precision().dataType(), new Shape(1, 1)); // all set: marks it ready
        } catch (IOException e) {
            manager.close();
            throw new CheckpointException(dir + ": cannot read the weights: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            manager.close(); // nothing half-loaded stays allocated
            throw e;
        }
        return new LoadedLlama(dir, model, manager, estimate, prefix, ignored);
    }

    /** A tensor and the file that holds it. */
    private record Located(SafetensorsFile file, SafetensorsTensor tensor) {
    }

    /** Every file's header; the index, if any, must agree with where the tensors are. */
    private static Map<String, Located> headers(HfModelFolder folder) {
        Map<String, Located> out = new LinkedHashMap<>();
        for (Path path : folder.weightFiles()) {
            SafetensorsFile file = SafetensorsFile.open(path);
            for (SafetensorsTensor t : file.tensors().values()) {
                Located before = out.putIfAbsent(t.name(), new Located(file, t));
                if (before != null) {
                    throw new CheckpointException("tensor " + t.name() + " is in both " + before.file().path()
                            + " and " + path);
                }
            }
        }
        for (Map.Entry<String, String> e : folder.weightMap().entrySet()) {
            Located at = out.get(e.getKey());
            if (at == null || !at.file().path().getFileName().toString().equals(e.getValue())) {
                throw new CheckpointException(folder.dir().resolve(HfModelFolder.INDEX) + " says tensor "
                        + e.getKey() + " is in " + e.getValue() + ", but "
                        + (at == null ? "no shard has it" : "it is in " + at.file().path().getFileName()));
            }
        }
        return out;
    }

    private static void check(HfModelFolder folder, Map<String, Parameter> parameters, Map<String, Located> stored,
                              String prefix) {
        List<String> problems = new ArrayList<>();
        Set<String> floats = Set.of("F32", "F16", "BF16");
        for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
            String name = prefix + p.getKey();
            Shape expected = p.getValue().getShape();
            Located at = stored.get(name);
            if (at == null) {
                problems.add("tensor " + name + " (expected " + expected + ") is missing from "
                        + folder.weightFiles().stream().map(f -> f.getFileName().toString()).toList());
            } else if (!at.tensor().shape().equals(expected)) {
                problems.add("tensor " + name + " in " + at.file().path().getFileName() + " has shape "
                        + at.tensor().shape() + ", the config expects " + expected);
            } else if (!floats.contains(at.tensor().dtype())) {
                problems.add("tensor " + name + " in " + at.file().path().getFileName() + " is "
                        + at.tensor().dtype() + ", expected F32, F16 or BF16");
            }
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException(folder.dir() + ": the weights do not fit config.json ("
                    + problems.size() + " problem(s)): " + String.join("; ", problems));
        }
    }

    /** Shard by shard in file order, each tensor straight into its parameter. */
    private static void read(HfModelFolder folder, Map<String, Parameter> parameters, Map<String, Located> stored,
                             String prefix, NDManager manager, DataType type) throws IOException {
        long largest = parameters.keySet().stream().mapToLong(n -> stored.get(prefix + n).tensor().bytes()).max()
                .orElse(0);
        ByteBuffer staging = SafetensorsFile.stagingBuffer(largest);
        for (Path path : folder.weightFiles()) {
            List<Map.Entry<String, Parameter>> here = parameters.entrySet().stream()
                    .filter(p -> stored.get(prefix + p.getKey()).file().path().equals(path)).toList();
            if (here.isEmpty()) {
                continue;
            }
            SafetensorsFile file = stored.get(prefix + here.get(0).getKey()).file();
            try (FileChannel channel = file.openChannel()) {
                for (Map.Entry<String, Parameter> p : here) {
                    NDArray array = file.read(channel, stored.get(prefix + p.getKey()).tensor(), manager, type,
                            staging);
                    Parameter parameter = p.getValue();
                    parameter.freeze(true); // inference: no gradient
                    parameter.setInitializer((m, shape, t) -> array);
                    parameter.initialize(manager, type);
                }
            }
        }
    }
}
