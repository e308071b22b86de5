package org.omnisila.engine.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedLlama;

/** Prefill from input embeddings and the stop condition in the loop, on the tiny reference model. */
class EmbeddingGenerationTest {
    private static final long[] SHORT = {1, 30, 31, 32, 33, 34, 35};
    private static final long[] LONG = {1, 17, 42, 5, 99, 3, 64, 28, 77, 12, 50, 8};

    private static NDManager manager;
    private static LoadedLlama llama;

    @BeforeAll
    static void load() {
        manager = NDManager.newBaseManager("PyTorch");
        llama = LlamaLoader.load(LlmFixtures.tinyLlama(), manager, LlamaLoader.Settings.cpuDefaults());
    }

    @AfterAll
    static void close() {
        llama.close();
        manager.close();
    }

    private static NDArray embed(long[] ids) {
        return llama.model().embed(new ParameterStore(manager, false), manager.create(ids), false); // [T, d]
    }

    /** Embeddings that no token has: the ids' plus a fixed pattern. */
    private static NDArray perturbed(long[] ids) {
        NDArray e = embed(ids);
        return e.add(manager.arange((float) e.size()).reshape(e.getShape()).mul(0.37f).sin().mul(0.5f));
    }

    @Test
    void embeddingsOfTheIdsGiveTheIdsContinuation() {
        GenerationSettings s = GenerationSettings.greedy(8);
        Generation fromIds = llama.generator().generate(List.of(LONG, SHORT), s);
        Generation fromEmbeddings = llama.generator().generateFromEmbeddings(List.of(embed(LONG), embed(SHORT)), s);
        for (int b = 0; b < 2; b++) {
            assertArrayEquals(fromIds.tokens().get(b), fromEmbeddings.tokens().get(b), "prompt " + b);
        }
        assertArrayEquals(LlmFixtures.longs(LlmFixtures.expected().get("greedy")), fromEmbeddings.tokens().get(0));
    }

    @Test
    void cacheAndNoCacheAgreeForAnEmbeddingsPrefill() {
        List<NDArray> prompts = List.of(perturbed(SHORT), perturbed(LONG));
        GenerationSettings s = GenerationSettings.greedy(10);
        Generation cached = llama.generator().generateFromEmbeddings(prompts, s);
        Generation uncached = llama.generator().generateFromEmbeddings(prompts, s.withoutCache());
        Generation plain = llama.generator().generate(List.of(SHORT, LONG), s);
        for (int b = 0; b < 2; b++) {
            assertArrayEquals(cached.tokens().get(b), uncached.tokens().get(b), "prompt " + b);
            // and the embeddings matter: the perturbed prompt continues otherwise than its ids
            assertNotEquals(List.of(plain.tokens().get(b)).toString(), List.of(cached.tokens().get(b)).toString());
        }
        // batched = alone (left padding with the pad embedding is masked out)
        Generation alone = llama.generator().generateFromEmbeddings(List.of(prompts.get(0)), s);
        assertArrayEquals(alone.tokens().get(0), cached.tokens().get(0));
        // the last-position logits of the prefill equal the full forward's
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray x = prompts.get(1).expandDims(0);
        NDArray all = llama.model().logitsFromEmbeddings(ps, x, null, null, false, false); // [1, T, V]
        NDArray last = llama.model().logitsFromEmbeddings(ps, x, null, null, true, false); // [1, 1, V]
        assertArrayEquals(all.get(":, -1:, :").toFloatArray(), last.toFloatArray(), 1e-5f);
    }

    @Test
    void theStopConditionEndsOneSequenceInTheLoop() {
        GenerationSettings s = GenerationSettings.greedy(8);
        Generation free = llama.generator().generate(List.of(LONG, SHORT), s);
        long[] first = free.tokens().get(0);
        // stop sequence 0 once it has produced its third token; sequence 1 never
        StopCondition third = (b, generated) -> b == 0 && generated.length >= 3 && generated[2] == first[2];
        for (GenerationSettings settings : List.of(s, s.withoutCache())) {
            Generation g = llama.generator().generate(List.of(LONG, SHORT), settings.withStopCondition(third));
            assertArrayEquals(java.util.Arrays.copyOf(first, 3), g.tokens().get(0));
            assertEquals(Generation.Stop.STOP_CONDITION, g.stops().get(0));
            assertArrayEquals(free.tokens().get(1), g.tokens().get(1));
            assertEquals(Generation.Stop.MAX_NEW_TOKENS, g.stops().get(1));
        }
    }

    @Test
    void refusesEmbeddingsOfAnotherWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> llama.generator()
                .generateFromEmbeddings(List.of(manager.zeros(new Shape(3, 7))), GenerationSettings.greedy(2)));
        assertTrue(e.getMessage().contains("[T > 0, 64]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> llama.model().logitsFromEmbeddings(
                new ParameterStore(manager, false), manager.zeros(new Shape(1, 3, 7)), null, null, false, false));
    }
}
