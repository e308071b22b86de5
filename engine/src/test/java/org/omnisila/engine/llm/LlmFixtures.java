package org.omnisila.engine.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The tiny LLaMA written by engine/src/test/python/llama_reference.py (2 layers, hidden 64, 4 heads, 2 KV heads,
 * intermediate 128, vocab 101) and what PyTorch computed with it.
 */
public final class LlmFixtures {
    private LlmFixtures() {
    }

    /** @return the folder with config.json, model.safetensors and expected.json */
    public static Path tinyLlama() {
        try {
            return Path.of(LlmFixtures.class.getResource("/llm/tiny-llama").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the tiny model's config */
    public static LlamaConfig tinyConfig() {
        return LlamaConfigJson.read(tinyLlama().resolve("config.json"));
    }

    /** @return expected.json: tokens, logits [T][V], greedy (8 tokens) */
    public static JsonNode expected() {
        try {
            return new ObjectMapper().readTree(tinyLlama().resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a JSON array of integers as long[] */
    public static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
