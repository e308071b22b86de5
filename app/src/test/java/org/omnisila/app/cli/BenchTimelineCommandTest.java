package org.omnisila.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * {@code omnisila bench timeline} prints its table. TestFX starts the toolkit first (the benchmark then uses the
 * running one), so that the order of test classes in this JVM does not matter.
 */
@ExtendWith(ApplicationExtension.class)
class BenchTimelineCommandTest {
    @Start
    void start(Stage stage) {
        // nothing to show: the benchmark draws into its own canvas
    }

    @Test
    void benchTimelinePrintsMillisecondsPerFrameForEachZoom() {
        CliRun cli = new CliRun();
        int status = cli.run("bench", "timeline", "--segments", "500", "--runs", "2", "--zoom", "1,50");
        assertEquals(0, status, cli.err.toString());
        String out = cli.out.toString();
        assertTrue(out.startsWith("Timeline frame: 500 segments, 500 located, 1000 s of video, canvas 1280x104"), out);
        assertTrue(out.contains("zoom 1x (500 segments in view): draw + render"), out);
        assertTrue(out.contains("zoom 50x (12 segments in view): draw commands"), out);
    }

    @Test
    void benchTimelineRefusesImpossibleSettings() {
        CliRun cli = new CliRun();
        assertEquals(1, cli.run("bench", "timeline", "--segments", "0"));
        assertTrue(cli.err.toString().contains("need segments >= 1"), cli.err.toString());
    }
}
