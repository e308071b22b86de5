package org.omnisila.engine.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedLlama;

/**
 * The numerical truth: the tiny LLaMA loaded from its Hugging Face folder gives PyTorch's logits (within 1e-4,
 * float32) and PyTorch's greedy continuation, token for token. The expected values come from
 * engine/src/test/python/llama_reference.py, a plain-PyTorch transcription of Hugging Face's LlamaForCausalLM,
 * run on the same safetensors file.
 */
class LlamaReferenceTest {
    static final float TOLERANCE = 1e-4f;

    @Test
    void logitsMatchPyTorch() {
        JsonNode expected = LlmFixtures.expected();
        long[] tokens = LlmFixtures.longs(expected.get("tokens"));
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LoadedLlama llama = LlamaLoader.load(LlmFixtures.tinyLlama(), manager,
                     LlamaLoader.Settings.cpuDefaults())) {
            NDArray ids = manager.create(tokens, new Shape(1, tokens.length));
            NDArray logits = llama.model().forward(new ParameterStore(manager, false), new NDList(ids), false)
                    .head();
            int vocab = llama.config().vocabSize();
            assertEquals(new Shape(1, tokens.length, vocab), logits.getShape());
            float[] actual = logits.toFloatArray();
            float worst = 0;
            for (int t = 0; t < tokens.length; t++) {
                JsonNode row = expected.get("logits").get(t);
                for (int v = 0; v < vocab; v++) {
                    worst = Math.max(worst, Math.abs(actual[t * vocab + v] - (float) row.get(v).asDouble()));
                }
            }
            System.out.println("max |logit - PyTorch| = " + worst);
            assertTrue(worst < TOLERANCE, "max |logit - PyTorch| = " + worst);
        }
    }

    @Test
    void greedyContinuationMatchesPyTorch() {
        JsonNode expected = LlmFixtures.expected();
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LoadedLlama llama = LlamaLoader.load(LlmFixtures.tinyLlama(), manager,
                     LlamaLoader.Settings.cpuDefaults())) {
            Generation g = llama.generator().generate(List.of(LlmFixtures.longs(expected.get("tokens"))),
                    GenerationSettings.greedy(8));
            assertArrayEquals(LlmFixtures.longs(expected.get("greedy")), g.tokens().get(0));
            assertEquals(Generation.Stop.MAX_NEW_TOKENS, g.stops().get(0));
        }
    }
}
