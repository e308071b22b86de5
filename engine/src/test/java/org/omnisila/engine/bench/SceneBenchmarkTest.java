package org.omnisila.engine.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/** The scene benchmark times every model of the face and action extractors. */
class SceneBenchmarkTest {

    @Test
    void reportsEveryStep() {
        String table = SceneBenchmark.run(Device.cpu(), 1).format();
        for (String step : new String[] {"face detection, BlazeFace", "face detection, Haar", "expression, 8 faces",
            "CenterNet, 1 frame", "pose, 1 person", "action extractor, 1 segment", "ms per face in a batch"}) {
            assertTrue(table.contains(step), step + " in\n" + table);
        }
    }

    @Test
    void needsAtLeastOneRun() {
        assertThrows(IllegalArgumentException.class, () -> SceneBenchmark.run(Device.cpu(), 0));
    }
}
