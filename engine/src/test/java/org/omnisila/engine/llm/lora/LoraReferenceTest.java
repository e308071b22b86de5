package org.omnisila.engine.llm.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.llm.GenerationSettings;
import org.omnisila.engine.llm.LlmFixtures;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedLlama;

/**
 * The numerical truth for LoRA: the tiny LLaMA with the tiny adapter, loaded from PEFT's layout, gives the logits
 * PyTorch computed as PEFT's unmerged forward does (engine/src/test/python/lora_reference.py), unmerged and merged,
 * and the same greedy continuation.
 */
class LoraReferenceTest {
    static final float TOLERANCE = 1e-4f;

    @Test
    void unmergedAndMergedLogitsMatchPyTorch() {
        JsonNode expected = LoraFixtures.expected();
        long[] tokens = LlmFixtures.longs(expected.get("tokens"));
        float[] truth = LoraFixtures.expectedLogits(expected);
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LoadedLlama llama = LlamaLoader.load(LlmFixtures.tinyLlama(), manager,
                     LlamaLoader.Settings.cpuDefaults());
             LoadedAdapter adapter = PeftAdapterLoader.load(LoraFixtures.tinyLora(), llama.model(), manager,
                     DataType.FLOAT32)) {
            assertEquals(8, adapter.attachment().modules().size()); // 4 targets x 2 layers
            float[] unmerged = LoraFixtures.logits(llama.model(), manager, tokens, false);
            float unmergedDiff = LoraFixtures.maxDiff(unmerged, truth);
            Lora.merge(llama.model());
            float[] merged = LoraFixtures.logits(llama.model(), manager, tokens, false);
            float mergedDiff = LoraFixtures.maxDiff(merged, truth);
            float between = LoraFixtures.maxDiff(merged, unmerged);
            Lora.unmerge(llama.model());
            float[] back = LoraFixtures.logits(llama.model(), manager, tokens, false);
            float afterUnmerge = LoraFixtures.maxDiff(back, unmerged);
            System.out.printf("LoRA: max |logit - PyTorch| unmerged %.3g, merged %.3g; merged vs unmerged %.3g; "
                    + "unmerged again vs unmerged %.3g%n", unmergedDiff, mergedDiff, between, afterUnmerge);
            assertTrue(unmergedDiff < TOLERANCE, "unmerged: " + unmergedDiff);
            assertTrue(mergedDiff < TOLERANCE, "merged: " + mergedDiff);
            assertTrue(between < 1e-5f, "merged vs unmerged: " + between);
            assertTrue(afterUnmerge < 1e-5f, "unmerge: " + afterUnmerge);
        }
    }

    @Test
    void theAdapterChangesTheLogits() {
        JsonNode expected = LoraFixtures.expected();
        long[] tokens = LlmFixtures.longs(expected.get("tokens"));
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LoadedLlama llama = LlamaLoader.load(LlmFixtures.tinyLlama(), manager,
                     LlamaLoader.Settings.cpuDefaults())) {
            float[] base = LoraFixtures.logits(llama.model(), manager, tokens, false);
            // the fixture is meaningful only if the adapter moves the logits far beyond the tolerance
            assertTrue(LoraFixtures.maxDiff(base, LoraFixtures.expectedLogits(expected)) > 0.5f);
        }
    }

    @Test
    void greedyContinuationIsPyTorchsMergedOrNot() {
        JsonNode expected = LoraFixtures.expected();
        List<long[]> prompt = List.of(LlmFixtures.longs(expected.get("tokens")));
        long[] truth = LlmFixtures.longs(expected.get("greedy"));
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LoadedLlama llama = LlamaLoader.load(LlmFixtures.tinyLlama(), manager,
                     LlamaLoader.Settings.cpuDefaults());
             LoadedAdapter adapter = PeftAdapterLoader.load(LoraFixtures.tinyLora(), llama.model(), manager,
                     DataType.FLOAT32)) {
            long[] unmerged = llama.generator().generate(prompt, GenerationSettings.greedy(8)).tokens().get(0);
            Lora.merge(llama.model());
            long[] merged = llama.generator().generate(prompt, GenerationSettings.greedy(8)).tokens().get(0);
            assertArrayEquals(truth, unmerged);
            assertArrayEquals(truth, merged);
        }
    }
}
