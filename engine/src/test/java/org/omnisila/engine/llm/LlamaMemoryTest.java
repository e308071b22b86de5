package org.omnisila.engine.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The memory estimate against published parameter counts, and the refusal's message. */
class LlamaMemoryTest {
    /** Vicuna-7B v1.5 = LLaMA-2-7B's sizes (its config.json). */
    static final LlamaConfig VICUNA_7B = new LlamaConfig(4096, 11008, 32, 32, 32, 1e-5, 10000, 32000, 4096, false);

    @Test
    void sevenBillionInFp16IsAbout13Point5GbPlusHalfAMebibytePerToken() {
        MemoryEstimate e = MemoryEstimate.of(VICUNA_7B, Precision.FP16, 4096, 1);
        assertEquals(6_738_415_616L, e.parameters()); // Meta's count for LLaMA-2-7B
        assertEquals(13_476_831_232L, e.weightBytes()); // 13.5 GB
        assertEquals(524_288L, MemoryEstimate.kvCacheBytesPerToken(VICUNA_7B, Precision.FP16)); // 2 x 32 x 4096 x 2
        assertEquals(2L << 30, e.kvCacheBytes()); // 2 GiB for 4096 tokens
        assertTrue(e.describe().startsWith("14.55 GiB: 6.74 B parameters in fp16 = 12.55 GiB + KV cache 2.00 GiB"),
                e.describe());
        assertEquals(2 * e.weightBytes(), MemoryEstimate.of(VICUNA_7B, Precision.FP32, 4096, 1).weightBytes());
    }

    @Test
    void groupedKeyValueHeadsShrinkTheCacheOnly() {
        LlamaConfig gqa = new LlamaConfig(4096, 11008, 32, 32, 8, 1e-5, 10000, 32000, 4096, false);
        assertEquals(524_288L / 4, MemoryEstimate.kvCacheBytesPerToken(gqa, Precision.FP16));
        assertEquals(MemoryEstimate.parameters(VICUNA_7B) - 32L * 2 * 4096 * (4096 - 1024),
                MemoryEstimate.parameters(gqa));
    }

    @Test
    void theRefusalSaysWhatIsNeededAndWhatIsThere() {
        MemoryEstimate e = MemoryEstimate.of(VICUNA_7B, Precision.FP16, 2048, 1);
        MemoryBudget.require(e, 24L << 30, "cuda:0"); // fits a 24 GB card
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> MemoryBudget.require(e, 12L << 30, "cuda:0"));
        assertTrue(refused.getMessage().contains("it needs 13.55 GiB: 6.74 B parameters in fp16"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("cuda:0 has 12.00 GiB free"), refused.getMessage());
        assertTrue(MemoryBudget.available(ai.djl.Device.cpu()) > 0);
    }
}
