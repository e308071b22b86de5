package org.omnisila.engine.llm.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.omnisila.engine.llm.LlamaForCausalLM;

/**
 * The tiny LoRA adapter written by engine/src/test/python/lora_reference.py for the tiny LLaMA (r 4, alpha 16,
 * targets q_proj, v_proj, o_proj, gate_proj) and what PyTorch computed with it.
 */
final class LoraFixtures {
    private LoraFixtures() {
    }

    /** @return the folder with adapter_config.json, adapter_model.safetensors and expected.json */
    static Path tinyLora() {
        try {
            return Path.of(LoraFixtures.class.getResource("/llm/tiny-lora").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode expected() {
        try {
            return new ObjectMapper().readTree(tinyLora().resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the adapter's tensors by name, decoded by DJL's own safetensors reader (not the engine's) */
    static Map<String, NDArray> tensors(NDManager manager) {
        try {
            NDList list = NDList.decode(manager, Files.readAllBytes(tinyLora().resolve(PeftAdapterLoader.WEIGHTS)));
            Map<String, NDArray> out = new LinkedHashMap<>();
            list.forEach(a -> out.put(a.getName(), a));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the logits [T, V] of a token sequence, flattened */
    static float[] logits(LlamaForCausalLM model, NDManager manager, long[] tokens, boolean training) {
        NDArray ids = manager.create(tokens, new Shape(1, tokens.length));
        return model.forward(new ParameterStore(manager, false), new NDList(ids), training).head().toFloatArray();
    }

    /** @return max |a - b| */
    static float maxDiff(float[] a, float[] b) {
        float worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    /** @return expected.json's logits, flattened */
    static float[] expectedLogits(JsonNode expected) {
        JsonNode rows = expected.get("logits");
        int width = rows.get(0).size();
        float[] out = new float[rows.size() * width];
        for (int t = 0; t < rows.size(); t++) {
            for (int v = 0; v < width; v++) {
                out[t * width + v] = (float) rows.get(t).get(v).asDouble();
            }
        }
        return out;
    }
}
