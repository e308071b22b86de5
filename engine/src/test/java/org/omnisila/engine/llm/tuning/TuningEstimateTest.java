package org.omnisila.engine.llm.tuning;

import org.junit.jupiter.api.Test;
import org.omnisila.engine.llm.LlamaConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The numbers of docs/full-model.md, "7B: an estimate", from the code. */
class TuningEstimateTest {
    static final LlamaConfig VICUNA_7B = new LlamaConfig(4096, 11008, 32, 32, 32, 1e-5, 10000, 32000, 4096, false);

    @Test
    void vicuna7bInBf16WithLoraOnAttention() {
        TuningEstimate e = TuningEstimate.of(VICUNA_7B, 0, 16_777_216L, 2, 2300, 1, 8, false);
        assertEquals(6_738_415_616L * 2, e.weightBytes()); // 13.48 GB
        // per layer 2300 * 4096 * (34 + 5 * 32 * 2300 / 4096) = 1.1667e9 bytes, + mixed precision's float32 parts
        // 24 * 2300 * 4096 + 32 * 2300^2 = 0.3954e9; x 32 + logits 3 * 2300 * 32000 * 4 = 0.8832e9
        assertEquals(32 * (1.1667e9 + 0.3954e9) + 8.832e8, e.activationBytes(), 0.01e9);
        assertEquals(16L * 16_777_216, e.trainableStateBytes()); // 0.27 GB
        assertEquals(4.0 * 6_738_415_616L * 2300 * 8, e.flopsPerStep(), 1); // 496 TFLOP
        assertEquals(3.97, e.secondsPerStep(0.4 * 312e12), 0.01); // 40 % of an A100's bf16
        assertTrue(e.describe().contains("496 TFLOP per step"), e.describe());
        TuningEstimate two = TuningEstimate.of(VICUNA_7B, 0, 16_777_216L, 2, 2300, 2, 8, false);
        assertEquals(2 * e.activationBytes(), two.activationBytes(), 2);
    }

    @Test
    void checkpointingKeepsOneInputPerLayerAndOneLayerAtATime() {
        TuningEstimate e = TuningEstimate.of(VICUNA_7B, 0, 16_777_216L, 2, 2300, 1, 8, true);
        // 32 inputs of 2300 x 4096 x 2 bytes (0.603 GB) + one layer 1.562e9 + logits 8.832e8
        assertEquals(32 * 2300 * 4096 * 2.0 + 1.1667e9 + 0.3954e9 + 8.832e8, e.activationBytes(), 0.01e9);
        // + the LanguageBind tower and projector, about 0.33 B parameters: 17.5 GB in all, under a 24 GB card
        TuningEstimate withTower = TuningEstimate.of(VICUNA_7B, 330_000_000L, 16_777_216L, 2, 2300, 1, 8, true);
        assertEquals(17.46e9, withTower.totalBytes(), 0.05e9);
        assertEquals(6.0 * 6_738_415_616L * 2300 * 8, e.flopsPerStep(), 1); // a second forward: 744 TFLOP
    }
}
