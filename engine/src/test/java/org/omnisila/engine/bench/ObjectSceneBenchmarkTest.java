package org.omnisila.engine.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/** The object-scene benchmark runs every step once and reports it. */
class ObjectSceneBenchmarkTest {

    @Test
    void reportsEveryStep() {
        String table = ObjectSceneBenchmark.run(Device.cpu(), 1).format();
        for (String step : new String[] {"CenterNet shared pass", "selfie mask", "relation rules, 10 detections",
            "masked pool", "filled frame", "per frame, both extractors"}) {
            assertTrue(table.contains(step), step + " in\n" + table);
        }
    }

    @Test
    void needsAtLeastOneRun() {
        assertThrows(IllegalArgumentException.class, () -> ObjectSceneBenchmark.run(Device.cpu(), 0));
    }
}
