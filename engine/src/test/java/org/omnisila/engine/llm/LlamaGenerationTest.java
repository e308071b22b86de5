package org.omnisila.engine.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedLlama;

/** Generation on the tiny reference model: the KV cache changes nothing but the cost. */
class LlamaGenerationTest {
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

    @Test
    void cachedStepsGiveTheLogitsOfTheWholeSequence() {
        LlamaForCausalLM model = llama.model();
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray all = model.logits(ps, manager.create(LONG, new Shape(1, LONG.length)), null, null, false, false);
        try (KvCache cache = new KvCache(llama.config(), 1, LONG.length, manager, DataType.FLOAT32)) {
            // prefill 8 tokens, then 4 single-token steps
            NDArray prefill = model.logits(ps, manager.create(java.util.Arrays.copyOf(LONG, 8), new Shape(1, 8)),
                    null, cache, false, false); // [1, 8, V]
            assertArrayEquals(all.get(":, :8, :").toFloatArray(), prefill.toFloatArray(), 1e-5f);
            for (int t = 8; t < LONG.length; t++) {
                NDArray step = model.logits(ps, manager.create(new long[] {LONG[t]}, new Shape(1, 1)), null, cache,
                        true, false); // [1, 1, V]
                assertArrayEquals(all.get(":, {}:{}, :", t, t + 1).toFloatArray(), step.toFloatArray(), 1e-5f,
                        "position " + t);
            }
            assertEquals(LONG.length, cache.length());
            assertThrows(IllegalStateException.class, () -> cache.extend(manager.ones(new Shape(1, 1))));
        }
    }

    /** Each decoding step's views of the cache belong to the step: a long generation does not pile them up. */
    @Test
    void cachedStepsLeaveNothingOnTheCachesManager() throws Exception {
        LlamaForCausalLM model = llama.model();
        try (KvCache cache = new KvCache(llama.config(), 1, LONG.length, manager, DataType.FLOAT32)) {
            java.lang.reflect.Field f = KvCache.class.getDeclaredField("manager");
            f.setAccessible(true);
            NDManager own = (NDManager) f.get(cache);
            int before = ManagerLeaks.count(own);
            for (int t = 0; t < 6; t++) {
                try (NDManager step = manager.newSubManager()) {
                    model.logits(new ParameterStore(step, false), step.create(new long[] {LONG[t]}, new Shape(1, 1)),
                            null, cache, true, false);
                }
            }
            assertEquals(6, cache.length());
            assertEquals(before, ManagerLeaks.count(own), () -> ManagerLeaks.describe(own));
        }
    }

    @Test
    void generationWithTheCacheEqualsRecomputingEverything() {
        GenerationSettings greedy = GenerationSettings.greedy(12);
        GenerationSettings sampled = greedy.withSampling(1.5, 0.9, 42);
        for (GenerationSettings s : List.of(greedy, sampled)) {
            Generation cached = llama.generator().generate(List.of(LONG, SHORT), s);
            Generation recomputed = llama.generator().generate(List.of(LONG, SHORT), s.withoutCache());
            for (int b = 0; b < 2; b++) {
                assertEquals(12, cached.tokens().get(b).length);
                assertArrayEquals(recomputed.tokens().get(b), cached.tokens().get(b), s + ", sequence " + b);
            }
        }
    }

    @Test
    void aLeftPaddedBatchGivesWhatEachPromptGivesAlone() {
        GenerationSettings s = GenerationSettings.greedy(10);
        Generation batch = llama.generator().generate(List.of(SHORT, LONG), s);
        assertArrayEquals(llama.generator().generate(List.of(SHORT), s).tokens().get(0), batch.tokens().get(0));
        assertArrayEquals(llama.generator().generate(List.of(LONG), s).tokens().get(0), batch.tokens().get(1));
    }

    @Test
    void samplingIsSeededAndTopPNarrowsTheChoice() {
        GenerationSettings base = GenerationSettings.greedy(16);
        long[] a = llama.generator().generate(List.of(SHORT), base.withSampling(2.0, 1.0, 7)).tokens().get(0);
        long[] b = llama.generator().generate(List.of(SHORT), base.withSampling(2.0, 1.0, 7)).tokens().get(0);
        long[] c = llama.generator().generate(List.of(SHORT), base.withSampling(2.0, 1.0, 8)).tokens().get(0);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c), "another seed, another draw at temperature 2");
        // a nucleus of a tiny mass keeps only the most likely token: greedy, whatever the temperature
        long[] nucleus = llama.generator().generate(List.of(SHORT), base.withSampling(5.0, 1e-6, 9)).tokens().get(0);
        assertArrayEquals(llama.generator().generate(List.of(SHORT), base).tokens().get(0), nucleus);
    }

    @Test
    void aStopTokenEndsItsSequenceOnly() {
        long[] free = llama.generator().generate(List.of(LONG, SHORT), GenerationSettings.greedy(8)).tokens().get(0);
        long stop = free[3];
        int first = 0;
        while (free[first] != stop) {
            first++;
        }
        Generation g = llama.generator().generate(List.of(LONG, SHORT),
                GenerationSettings.greedy(8).withStopTokens(stop));
        assertArrayEquals(java.util.Arrays.copyOf(free, first), g.tokens().get(0));
        assertEquals(Generation.Stop.STOP_TOKEN, g.stops().get(0));
        long[] other = llama.generator().generate(List.of(SHORT), GenerationSettings.greedy(8)).tokens().get(0);
        boolean otherStops = java.util.Arrays.stream(other).anyMatch(t -> t == stop);
        assertEquals(otherStops ? Generation.Stop.STOP_TOKEN : Generation.Stop.MAX_NEW_TOKENS, g.stops().get(1));
    }

    @Test
    void promptsBeyondTheModelsLengthOrVocabularyAreRefused() {
        LlamaGenerator generator = llama.generator();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> generator.generate(List.of(LONG), GenerationSettings.greedy(53)));
        assertTrue(e.getMessage().contains("(12 tokens) + 53 new tokens exceed the model's max_position_embeddings 64"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> generator.generate(List.of(new long[] {1, 101}), GenerationSettings.greedy(1)));
        assertTrue(e.getMessage().contains("token id 101, outside the vocabulary of 101"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> generator.generate(List.of(new long[0]),
                GenerationSettings.greedy(1)));
        assertThrows(IllegalArgumentException.class, () -> GenerationSettings.greedy(0));
        assertThrows(IllegalArgumentException.class, () -> GenerationSettings.greedy(1).withSampling(1, 0, 1));
    }

    @Test
    void samplerPicksTheFirstMaximumAndDrawsOnlyInsideTheNucleus() {
        assertEquals(1, new TokenSampler(0, 1, 0).next(new float[] {0, 3, 3, -1}));
        TokenSampler sampler = new TokenSampler(1, 0.7, 11);
        // probabilities 0.5, 0.3, 0.2 (logits = ln p): the nucleus for 0.7 is {0, 1}
        float[] logits = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2)};
        int[] counts = new int[3];
        for (int i = 0; i < 4000; i++) {
            counts[(int) sampler.next(logits)]++;
        }
        assertEquals(0, counts[2]);
        assertEquals(0.5 / 0.8, counts[0] / 4000.0, 0.03);
    }
}
