package org.omnisila.engine.llm.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
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
import org.omnisila.engine.icm.checkpoint.CheckpointException;

/**
 * The safetensors weights of a Hugging Face folder, by tensor name, and the steps every loader of
 * {@code engine.llm} takes with them ({@link LlamaLoader}, {@link BlockLoader}), each refusing before the next costs
 * anything: every header read (the index, if any, must agree with where the tensors are); every parameter's tensor
 * present, of its shape and a float type (all problems in one message naming tensor, file and both shapes); then
 * the data, shard by shard, tensor by tensor, through one staging buffer the size of the largest tensor, so that
 * the peak is the model plus one tensor, not the model plus a shard.
 *
 * <p>Public for LoRA adapters ({@code engine.llm.lora.PeftAdapterLoader}), whose pairs are added to a model that
 * is loaded already: {@link #problems} and {@link #fill} check and read parameters without initialising a block.
 */
public final class FolderWeights {
    private static final Set<String> FLOATS = Set.of("F32", "F16", "BF16");

    private final HfModelFolder folder;
    private final Map<String, Located> stored;

    /** A tensor and the file that holds it. */
    private record Located(SafetensorsFile file, SafetensorsTensor tensor) {
    }

    private FolderWeights(HfModelFolder folder, Map<String, Located> stored) {
        this.folder = folder;
        this.stored = stored;
    }

    /** Reads every file's header, and checks the index against them. */
    public static FolderWeights read(HfModelFolder folder) {
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
        return new FolderWeights(folder, out);
    }

    /** @return whether some file holds a tensor of this name */
    boolean has(String name) {
        return stored.containsKey(name);
    }

    /** The first prefix under which the folder has {@code probe}, else the first prefix. */
    String prefixOf(String probe, List<String> prefixes) {
        return prefixes.stream().filter(p -> stored.containsKey(p + probe)).findFirst().orElse(prefixes.get(0));
    }

    /**
     * Checks every parameter's tensor (present, shape, float type), then reads them into a sub-manager of
     * {@code parent} and initialises the block, which marks it ready. Nothing stays allocated on failure.
     *
     * @param parameters the block's parameters by Hugging Face name ({@link HfParameterNames#of})
     * @param input      an input shape, which DJL's {@code initialize} wants
     * @return the manager holding the parameters; the caller closes it with the model
     */
    NDManager load(Block block, Map<String, Parameter> parameters, String prefix, NDManager parent, DataType type,
                   Shape input) {
        check(parameters, prefix);
        NDManager manager = parent.newSubManager();
        try {
            read(parameters, prefix, manager, type);
            block.initialize(manager, type, input);
        } catch (IOException e) {
            manager.close();
            throw new CheckpointException(folder.dir() + ": cannot read the weights: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return manager;
    }

    /** The folder's tensors that are not one of the parameters under the prefix, sorted: skipped, for the record. */
    List<String> ignored(Map<String, Parameter> parameters, String prefix) {
        return stored.keySet().stream()
                .filter(n -> !n.startsWith(prefix) || !parameters.containsKey(n.substring(prefix.length())))
                .sorted().toList();
    }

    /** @return the names of every tensor the files hold, in file and header order */
    public Set<String> names() {
        return stored.keySet();
    }

    /**
     * Checks, then reads every parameter's tensor into the parameter (which must not be initialised yet), without
     * initialising any block: for parameters added to a model that is loaded already (a LoRA adapter's).
     *
     * @param parameters parameters by name (after {@code prefix})
     * @param manager    where the arrays go
     * @throws CheckpointException listing every missing, mis-shaped or non-float tensor in one message
     */
    public void fill(Map<String, Parameter> parameters, String prefix, NDManager manager, DataType type) {
        check(parameters, prefix);
        try {
            read(parameters, prefix, manager, type);
        } catch (IOException e) {
            throw new CheckpointException(folder.dir() + ": cannot read the weights: " + e.getMessage(), e);
        }
    }

    /**
     * @return every missing, mis-shaped or non-float tensor of the parameters, as one line each (empty: all fit)
     */
    public List<String> problems(Map<String, Parameter> parameters, String prefix) {
        List<String> problems = new ArrayList<>();
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
            } else if (!FLOATS.contains(at.tensor().dtype())) {
                problems.add("tensor " + name + " in " + at.file().path().getFileName() + " is "
                        + at.tensor().dtype() + ", expected F32, F16 or BF16");
            }
        }
        return problems;
    }

    private void check(Map<String, Parameter> parameters, String prefix) {
        List<String> problems = problems(parameters, prefix);
        if (!problems.isEmpty()) {
            throw new CheckpointException(folder.dir() + ": the weights do not fit "
                    + folder.configFile().getFileName() + " (" + problems.size() + " problem(s)): "
                    + String.join("; ", problems));
        }
    }

    /** Shard by shard in file order, each tensor straight into its parameter. */
    private void read(Map<String, Parameter> parameters, String prefix, NDManager manager, DataType type)
            throws IOException {
        long largest = parameters.keySet().stream()
                .mapToLong(n -> SafetensorsFile.stagingBytes(stored.get(prefix + n).tensor())).max()
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
                    if (parameter.isInitialized()) {
                        parameter.close(); // DJL's initialize keeps an existing array: the file's would be dropped
                    }
                    parameter.setInitializer((m, shape, t) -> array);
                    parameter.initialize(manager, type);
                }
            }
        }
    }
}
