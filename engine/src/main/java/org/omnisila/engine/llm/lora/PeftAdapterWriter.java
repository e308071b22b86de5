package org.omnisila.engine.llm.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.omnisila.engine.llm.hf.SafetensorsWriter;

/**
 * Saves a model's LoRA pairs as a PEFT adapter folder, the layout {@link PeftAdapterLoader} and PEFT's
 * {@code PeftModel.from_pretrained} read: {@code adapter_config.json} and {@code adapter_model.safetensors} with
 * {@code base_model.model.<module>.lora_A.weight} [r, in] and {@code .lora_B.weight} [out, r] in the pairs' type.
 * A merged model saves the same A and B (merging changes W, not the pairs).
 *
 * <p>Each file is written under a temporary name in the folder, then moved over the final name (atomically where
 * the file system can), so an interrupted save leaves the previous adapter whole, not half a file.
 */
public final class PeftAdapterWriter {
    private PeftAdapterWriter() {
    }

    /**
     * @param folder created if missing; existing adapter files are replaced
     * @param root   a model with pairs attached ({@link Lora#attach} or {@link PeftAdapterLoader#load})
     * @param config the config to write (its r must be the pairs')
     * @throws IllegalStateException    when the model has no pairs
     * @throws IllegalArgumentException when the config's rank is not the pairs'
     */
    public static void save(Path folder, Block root, LoraConfig config) throws IOException {
        Map<String, Parameter> parameters = Lora.trainableParameters(root);
        if (parameters.isEmpty()) {
            throw new IllegalStateException("the model has no LoRA pairs to save");
        }
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray array = e.getValue().getArray();
            long rank = e.getKey().endsWith(".lora_A.weight") ? array.getShape().get(0) : array.getShape().get(1);
            if (rank != config.r()) {
                throw new IllegalArgumentException(e.getKey() + " has rank " + rank + ", the config says r "
                        + config.r());
            }
            tensors.put(PeftAdapterLoader.PREFIX + e.getKey(), array);
        }
        Files.createDirectories(folder);
        Path weights = folder.resolve(PeftAdapterLoader.WEIGHTS);
        Path weightsTmp = folder.resolve(PeftAdapterLoader.WEIGHTS + ".tmp");
        SafetensorsWriter.write(weightsTmp, tensors);
        move(weightsTmp, weights);
        Path configTmp = folder.resolve(PeftAdapterLoader.CONFIG + ".tmp");
        Files.writeString(configTmp, LoraConfigJson.write(config), StandardCharsets.UTF_8);
        move(configTmp, folder.resolve(PeftAdapterLoader.CONFIG));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
