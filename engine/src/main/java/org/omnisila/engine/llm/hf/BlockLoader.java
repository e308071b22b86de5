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
 * Loads any block of {@code engine.llm} (all of whose parameters have fixed shapes) from the safetensors files of
 * a Hugging Face folder, by name ({@link HfParameterNames}) under one of several prefixes: the video tower
 * ({@code vision_model.*} in a CLIP or LanguageBind folder, {@code video_tower.vision_model.*} in llava-hf's
 * Video-LLaVA) and the projector ({@code model.mm_projector.*} in a Video-LLaVA folder).
 *
 * <p>The same steps as {@link LlamaLoader}, each refusing before the next costs anything: every header, then
 * every parameter's tensor present, of its shape and a float type (all problems in one message), then the data
 * tensor by tensor through one staging buffer the size of the largest tensor. The other tensors are skipped
 * and listed. (No memory estimate: the tower is 0.3 B parameters and the projector 21 M, against 6.7 B for the
 * decoder, whose estimate counts them as slack.)
 */
public final class BlockLoader {
    private BlockLoader() {
    }

    /**
     * @param dir      a folder with {@code model.safetensors} or shards and their index
     * @param block    the block to fill; its parameter names are looked for after each prefix
     * @param prefixes the prefixes to try, in order: the first under which the block's first parameter exists
     *                 is used
     * @param parent   the manager whose device the parameters go to; they get a sub-manager of it
     * @param type     the parameters' type (float32 on the CPU)
     * @param input    the shape of an input, which DJL's {@code initialize} wants ([1, 3, S, S] for the tower)
     * @param <B>      the block's type
     * @return the loaded block; close it to free its memory
     * @throws CheckpointException for unreadable or truncated files, and missing, mis-shaped or non-float
     *                             tensors (all of them in one message)
     */
    public static <B extends Block> LoadedBlock<B> load(Path dir, B block, List<String> prefixes, NDManager parent,
                                                        DataType type, Shape input) {
        HfModelFolder folder = HfModelFolder.open(dir);
        Map<String, Parameter> parameters = HfParameterNames.of(block);
        Map<String, Located> stored = headers(folder);
        String probe = parameters.keySet().iterator().next();
        String prefix = prefixes.stream().filter(p -> stored.containsKey(p + probe)).findFirst()
                .orElse(prefixes.get(0));
        check(folder, parameters, stored, prefix);
        List<String> ignored = stored.keySet().stream()
                .filter(n -> !n.startsWith(prefix) || !parameters.containsKey(n.substring(prefix.length())))
                .sorted().toList();
        NDManager manager = parent.newSubManager();
        try {
            read(folder, parameters, stored, prefix, manager, type);
            block.initialize(manager, type, input); // all set: marks it ready
        } catch (IOException e) {
            manager.close();
            throw new CheckpointException(dir + ": cannot read the weights: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            manager.close(); // nothing half-loaded stays allocated
            throw e;
        }
        return new LoadedBlock<>(dir, block, manager, prefix, ignored);
    }

    /** A tensor and the file that holds it. */
    private record Located(SafetensorsFile file, SafetensorsTensor tensor) {
    }

    private static Map<String, Located> headers(HfModelFolder folder) {
        Map<String, Located> out = new LinkedHashMap<>();
        for (Path path : folder.weightFiles()) {
            SafetensorsFile file = SafetensorsFile.open(path);
            for (SafetensorsTensor t : file.tensors().values()) {
                if (out.putIfAbsent(t.name(), new Located(file, t)) != null) {
                    throw new CheckpointException("tensor " + t.name() + " is in both " + out.get(t.name()).file()
                            .path() + " and " + path);
                }
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
            Located at = stored.get(name);
            if (at == null) {
                problems.add("tensor " + name + " (expected " + p.getValue().getShape() + ") is missing");
            } else if (!at.tensor().shape().equals(p.getValue().getShape())) {
                problems.add("tensor " + name + " in " + at.file().path().getFileName() + " has shape "
                        + at.tensor().shape() + ", the config expects " + p.getValue().getShape());
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
