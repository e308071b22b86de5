package org.omnisila.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoder benchmark reports prefill and decode speed per configuration (tiny sizes, to stay fast). */
class LlmBenchmarkTest {

    @Test
    void reportsPrefillAndDecodeSpeed() {
        String table = LlmBenchmark.run(Device.cpu(), List.of(LlmBenchmark.TINY),
                new LlmBenchmark.Settings(8, 3, 1)).format();
        for (String step : new String[] {"L2 d64 (0.1 M): prefill 8 tokens", "prefill + 3 tokens, cache",
            "prefill + 3 tokens, no cache", "tokens/s with the cache"}) {
            assertTrue(table.contains(step), step + " in\n" + table);
        }
        assertEquals(3, table.lines().filter(l -> l.matches("  L2 d64 .* +1 .*")).count(), table);
    }

    @Test
    void refusesEmptySettings() {
        assertThrows(IllegalArgumentException.class, () -> new LlmBenchmark.Settings(8, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> LlmBenchmark.run(Device.cpu(), 0));
    }
}
