package org.omnisila.engine.llm.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.omnisila.engine.llm.LlmFixtures;

/**
 * Hugging Face folders made from the tiny fixture for loader tests, written with DJL's own safetensors encoder
 * (an implementation independent of {@link SafetensorsFile}).
 */
final class LlmTestFolders {
    private LlmTestFolders() {
    }

    /** @return the fixture's tensors by name, decoded by DJL */
    static Map<String, NDArray> tensors(NDManager manager) {
        try {
            NDList list = NDList.decode(manager,
                    Files.readAllBytes(LlmFixtures.tinyLlama().resolve(HfModelFolder.SINGLE)));
            Map<String, NDArray> out = new LinkedHashMap<>();
            list.forEach(a -> out.put(a.getName(), a));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes config.json and the tensors as one model.safetensors. */
    static Path single(Path dir, Map<String, NDArray> tensors) throws IOException {
        Files.createDirectories(dir);
        Files.copy(LlmFixtures.tinyLlama().resolve(HfModelFolder.CONFIG), dir.resolve(HfModelFolder.CONFIG));
        write(dir.resolve(HfModelFolder.SINGLE), tensors, n -> true);
        return dir;
    }

    /** Writes config.json, two shards (layer 0 in the first, the rest in the second) and the index. */
    static Path sharded(Path dir, Map<String, NDArray> tensors) throws IOException {
        Files.createDirectories(dir);
        Files.copy(LlmFixtures.tinyLlama().resolve(HfModelFolder.CONFIG), dir.resolve(HfModelFolder.CONFIG));
        List<String> files = List.of("model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors");
        Predicate<String> first = n -> n.startsWith("model.layers.0.");
        write(dir.resolve(files.get(0)), tensors, first);
        write(dir.resolve(files.get(1)), tensors, first.negate());
        ObjectMapper json = new ObjectMapper();
        ObjectNode index = json.createObjectNode();
        index.putObject("metadata").put("total_size", 0);
        ObjectNode map = index.putObject("weight_map");
        tensors.keySet().forEach(n -> map.put(n, files.get(first.test(n) ? 0 : 1)));
        json.writeValue(dir.resolve(HfModelFolder.INDEX).toFile(), index);
        return dir;
    }

    private static void write(Path file, Map<String, NDArray> tensors, Predicate<String> which) throws IOException {
        NDList list = new NDList();
        tensors.forEach((name, array) -> {
            if (which.test(name)) {
                array.setName(name);
                list.add(array);
            }
        });
        Files.write(file, list.encode(NDList.Encoding.SAFETENSORS));
    }
}
