package org.omnisila.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void benchDecodePrintsItsTable() {
        CliRun cli = new CliRun();
        int status = cli.run("bench", "decode", "--width", "64", "--height", "36", "--seconds", "2", "--runs", "1");
        assertEquals(0, status, cli.err.toString());
        String out = cli.out.toString();
        assertTrue(out.startsWith("Video decoding: 64x36 H.264 MP4, 30 fps, 2 s (60 frames)"), out);
        assertTrue(out.contains("decode every frame to RGB"), out);
        assertTrue(out.contains("frames/s"), out);
    }

    @Test
    void benchDecodeRefusesImpossibleSettings() {
        CliRun cli = new CliRun();
        assertEquals(1, cli.run("bench", "decode", "--width", "4"));
        assertTrue(cli.err.toString().startsWith("omnisila bench decode: need width >= 8"), cli.err.toString());
    }
}
