package org.omnisila.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchWorkbenchCommandTest {
    @Test
    void printsTheFirstFrameTimeAndTheHeap() {
        CliRun cli = new CliRun();
        assertEquals(0, cli.run("bench", "workbench", "--runs", "1"), cli.err::toString);
        String out = cli.out.toString();
        assertTrue(out.contains("open a video -> first frame shown     1"), out);
        assertTrue(out.contains("with an hour-long analysis shown (1800 segments, 300 located)"), out);
        assertTrue(out.contains("JVM start -> first frame shown"), out);
    }
}
