package org.omnisila.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/** The TF.js benchmark runs both bundled models through their facades and reports every step. */
class TfjsBenchmarkTest {

    @Test
    void reportsEveryStep() {
        String table = TfjsBenchmark.run(Device.cpu(), 1).format();
        for (String step : new String[] {"emotion, 1 face per call", "emotion, 16 faces per call",
            "CenterNet, 1 image of 512x512", "CenterNet, 1 frame of 1280x720 (with resize)",
            "ms per face at batch 16", "ms per 512x512 image"}) {
            assertTrue(table.contains(step), step + " in\n" + table);
        }
        assertEquals(4, table.lines().filter(l -> l.matches("  (emotion|CenterNet), .* +1 .*")).count(), table);
    }

    @Test
    void needsAtLeastOneRun() {
        assertThrows(IllegalArgumentException.class, () -> TfjsBenchmark.run(Device.cpu(), 0));
    }
}
