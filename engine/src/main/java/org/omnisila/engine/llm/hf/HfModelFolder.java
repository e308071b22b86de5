package org.omnisila.engine.llm.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.omnisila.engine.icm.checkpoint.CheckpointException;

/**
 * A Hugging Face model folder: {@code config.json} and the weights, either one {@code model.safetensors} or
 * shards {@code model-0000N-of-0000M.safetensors} listed by {@code model.safetensors.index.json}
 * ({@code weight_map}: tensor name -> shard file).
 *
 * @param dir         the folder
 * @param configFile  its {@code config.json}
 * @param weightFiles the safetensors files, in name order
 * @param weightMap   tensor name -> file name, from the index; empty for a single file
 */
public record HfModelFolder(Path dir, Path configFile, List<Path> weightFiles, Map<String, String> weightMap) {
    public static final String CONFIG = "config.json";
    public static final String SINGLE = "model.safetensors";
    public static final String INDEX = "model.safetensors.index.json";

    /**
     * @param dir a model folder
     * @return its files
     * @throws CheckpointException when the folder, its config or its weights are missing, saying what is there
     *                             instead (PyTorch .bin weights, other safetensors files) and what to do
     */
    public static HfModelFolder open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException(dir + " is not a folder (expected a Hugging Face model folder with "
                    + CONFIG + " and " + SINGLE + " or " + INDEX + ")");
        }
        Path config = dir.resolve(CONFIG);
        if (!Files.isRegularFile(config)) {
            throw new CheckpointException(dir + " has no " + CONFIG);
        }
        Path index = dir.resolve(INDEX);
        if (Files.isRegularFile(index)) {
            Map<String, String> map = weightMap(index);
            List<Path> files = new ArrayList<>();
            for (String name : new TreeSet<>(map.values())) {
                Path file = dir.resolve(name);
                if (!Files.isRegularFile(file)) {
                    throw new CheckpointException(index + " maps "
                            + map.values().stream().filter(name::equals).count() + " tensors to " + name
                            + ", which is missing from " + dir + " (an incomplete download?)");
                }
                files.add(file);
            }
            return new HfModelFolder(dir, config, List.copyOf(files), map);
        }
        if (Files.isRegularFile(dir.resolve(SINGLE))) {
            return new HfModelFolder(dir, config, List.of(dir.resolve(SINGLE)), Map.of());
        }
        throw new CheckpointException(dir + " has neither " + SINGLE + " nor " + INDEX + whatIsThere(dir));
    }

    private static Map<String, String> weightMap(Path index) {
        try {
            JsonNode map = new ObjectMapper().readTree(index.toFile()).path("weight_map");
            if (!map.isObject() || map.isEmpty()) {
                throw new CheckpointException(index + ": no weight_map object");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String file = e.getValue().asText("");
                if (file.isEmpty() || file.contains("/") || file.contains("\\")) {
                    throw new CheckpointException(index + ": tensor " + e.getKey() + " maps to \"" + file
                            + "\", not a file name in the folder");
                }
                out.put(e.getKey(), file);
            }
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new CheckpointException(index + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String whatIsThere(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            if (names.stream().anyMatch(n -> n.endsWith(".bin"))) {
                return "; it has PyTorch .bin weights, which are not read (they are pickles): convert them to "
                        + "safetensors, e.g. with Hugging Face's save_pretrained(..., safe_serialization=True)";
            }
            List<String> tensors = names.stream().filter(n -> n.endsWith(".safetensors")).toList();
            return tensors.isEmpty() ? "; it holds no safetensors files" : "; its safetensors files " + tensors
                    + " are not a model's weights under the usual names";
        } catch (IOException e) {
            return "";
        }
    }
}
