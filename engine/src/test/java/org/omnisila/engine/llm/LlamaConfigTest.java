package org.omnisila.engine.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.json to LlamaConfig: the fixture, Hugging Face's defaults, llava-hf nesting, and every refusal. */
class LlamaConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheTinyFixture() {
        LlamaConfig c = LlmFixtures.tinyConfig();
        assertEquals(new LlamaConfig(64, 128, 2, 4, 2, 1e-5, 10000, 101, 64, false), c);
        assertEquals(16, c.headDim());
        assertEquals(2, c.kvGroups());
        assertEquals(32, c.kvWidth());
    }

    @Test
    void missingFieldsTakeHuggingFaceDefaults() throws IOException {
        LlamaConfig c = LlamaConfigJson.parse(json("{\"model_type\": \"llama\"}"));
        assertEquals(new LlamaConfig(4096, 11008, 32, 32, 32, 1e-6, 10000, 32000, 2048, false), c);
    }

    @Test
    void llavaHfKeepsTheDecoderUnderTextConfig() throws IOException {
        LlamaConfig c = LlamaConfigJson.parse(json("{\"model_type\": \"video_llava\", \"text_config\": "
                + "{\"model_type\": \"llama\", \"vocab_size\": 32064, \"max_position_embeddings\": 4096, "
                + "\"rms_norm_eps\": 1e-05}, \"vision_config\": {\"hidden_size\": 1024}}"));
        assertEquals(32064, c.vocabSize());
        assertEquals(4096, c.maxPositionEmbeddings());
        assertEquals(4096, c.hiddenSize());
    }

    @Test
    void unsupportedFeaturesAreRefusedTogetherByName() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LlamaConfigJson.parse(json(
                "{\"model_type\": \"clip\", \"hidden_act\": \"gelu\", \"rope_scaling\": {\"type\": \"linear\"}, "
                        + "\"attention_bias\": true, \"head_dim\": 64, \"hidden_size\": 64, "
                        + "\"num_attention_heads\": 4}")));
        for (String part : new String[] {"model_type \"clip\"", "hidden_act \"gelu\"", "rope_scaling",
            "attention_bias", "head_dim 64 differs from hidden_size / num_attention_heads = 16"}) {
            assertTrue(e.getMessage().contains(part), part + " in: " + e.getMessage());
        }
    }

    @Test
    void invalidSizesAreListedWithTheirValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LlamaConfig(64, 0, 2, 5, 3, 1e-5, 10000, 101, 64, false));
        assertTrue(e.getMessage().contains("intermediate_size must be > 0, got 0"), e.getMessage());
        assertTrue(e.getMessage().contains("hidden_size 64 is not divisible by num_attention_heads 5"),
                e.getMessage());
        assertTrue(e.getMessage().contains("num_attention_heads 5 is not divisible by num_key_value_heads 3"),
                e.getMessage());
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> new LlamaConfig(12, 8, 1, 4, 4, 1e-5, 10000, 10, 8, false));
        assertTrue(odd.getMessage().contains("head size hidden_size / num_attention_heads = 3 is odd"),
                odd.getMessage());
    }

    @Test
    void aFileThatIsNotJsonIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{ not json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LlamaConfigJson.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        Files.writeString(file, "{\"model_type\": \"llama\", \"num_key_value_heads\": 3}");
        e = assertThrows(IllegalArgumentException.class, () -> LlamaConfigJson.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }
}
