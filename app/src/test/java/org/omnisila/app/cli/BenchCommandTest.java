package org.omnisila.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.bench.AnalysisBenchmark;
import org.omnisila.engine.video.SyntheticVideo;

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
    void benchPlayerPrintsItsTable() {
        CliRun cli = new CliRun();
        int status = cli.run("bench", "player", "--width", "64", "--height", "36", "--seconds", "1", "--runs", "1",
                "--seeks", "3");
        assertEquals(0, status, cli.err.toString());
        String out = cli.out.toString();
        assertTrue(out.startsWith("Player: 64x36 H.264 MP4, 30 fps, 1 s (30 frames), headless"), out);
        assertTrue(out.contains("seek to a random time, until the frame is set     3"), out);
        assertTrue(out.contains("step through all 30 frames (decode + convert)"), out);
        assertTrue(out.contains("sustained decode + convert:"), out);
        assertTrue(out.contains("playing at 4x: "), out);
    }

    @Test
    void benchScenesOnAVideoPrintsItsTable(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("clip.mp4");
        SyntheticVideo.mp4(160, 120, 10, 20).write(video); // 2 s: one segment of 8 frames
        CliRun cli = new CliRun();
        int status = cli.run("bench", "scenes", video.toString(), "--runs", "1", "--device", "cpu");
        assertEquals(0, status, cli.err.toString());
        String out = cli.out.toString();
        assertTrue(out.startsWith("Analysis of clip.mp4: 160x120 h264, 10.000 fps, 2.00 s; cpu"), out);
        for (String row : new String[] {AnalysisBenchmark.DECODE, AnalysisBenchmark.SAMPLE + " (1 segments x 8",
            AnalysisBenchmark.CENTERNET, "face extractor", "action extractor", "object extractor",
            "background extractor", AnalysisBenchmark.ANALYSIS, "x real time", "of decode-only speed",
            "untrained small ICM"}) {
            assertTrue(out.contains(row), row + " in\n" + out);
        }
    }

    @Test
    void benchDecodeRefusesImpossibleSettings() {
        CliRun cli = new CliRun();
        assertEquals(1, cli.run("bench", "decode", "--width", "4"));
        assertTrue(cli.err.toString().startsWith("omnisila bench decode: need width >= 8"), cli.err.toString());
    }
}
