package org.omnisila.engine.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The multimodal benchmark runs on the tiny Video-LLaVA and reports every stage. */
class FullModelBenchmarkTest {
    @Test
    void reportsEveryStage() throws Exception {
        Path base = Path.of(FullModelBenchmarkTest.class.getResource("/llm/tiny-video-llava").toURI());
        String table = FullModelBenchmark.run(Device.cpu(), base, null, 8, 2).format();
        for (String stage : new String[] {"8 frames (seek)", "pixels", "tower + projector", "prefill 1",
            "prefill + 8 tokens, cache", "decode "}) {
            assertTrue(table.contains(stage), stage + " in\n" + table);
        }
        System.out.println(table);
    }
}
