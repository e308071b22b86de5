package org.omnisila.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.scene.export.SceneCueFile;
import org.omnisila.engine.scene.export.SceneCueFile.FrameCues;
import org.omnisila.engine.scene.export.SceneCueJson;
import org.omnisila.engine.video.SyntheticVideo;

/** scenes as a user runs it: a generated video, then the same without masks, and files that are no video. */
class ScenesCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    @Test
    void writesCuesAndMasksOfAVideo() throws Exception {
        Path video = dir.resolve("clip.mp4");
        SyntheticVideo.mp4(160, 120, 10, 40).write(video);
        Path out = dir.resolve("cues");
        assertEquals(0, cli.run("scenes", video.toString(), "--out", out.toString(), "--device", "cpu"),
                cli.err::toString);
        SceneCueFile cues = SceneCueJson.read(out.resolve("cues.json"));
        assertEquals(1, cues.schemaVersion());
        assertEquals(2, cues.segments().size(), "4 s in 2 s segments");
        assertEquals(160, cues.video().width());
        for (var segment : cues.segments()) {
            assertEquals(8, segment.frames().size());
            for (FrameCues f : segment.frames()) {
                assertTrue(Files.isRegularFile(out.resolve(f.mask())), f.mask());
            }
        }
        try (Stream<Path> masks = Files.list(out.resolve("masks"))) {
            assertEquals(16, masks.count());
        }
        assertTrue(cli.out.toString().contains("2 segments, 16 frames"), cli.out.toString());
        assertTrue(cli.err.toString().contains("100.0%"), cli.err.toString());

        CliRun again = new CliRun();
        assertEquals(0, again.run("scenes", video.toString(), "--out", out.toString(), "--device", "cpu",
                "--segment", "4", "--no-masks"), again.err::toString);
        SceneCueFile replaced = SceneCueJson.read(out.resolve("cues.json"));
        assertEquals(1, replaced.segments().size(), "one 4 s segment");
        assertEquals(4.0, replaced.plan().segmentLength());
        assertNull(replaced.segments().get(0).frames().get(0).mask());
    }

    @Test
    void aFileThatIsNotAVideoIsAClearMessage() throws Exception {
        Path text = dir.resolve("notes.mp4");
        Files.writeString(text, "{\"not\": \"a video\"}\n");
        Path out = dir.resolve("cues");
        assertEquals(1, cli.run("scenes", text.toString(), "--out", out.toString()));
        String err = cli.err.toString();
        assertTrue(err.startsWith("omnisila scenes: " + text), err);
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aMissingFileIsAClearMessage() {
        Path missing = dir.resolve("missing.mp4");
        assertEquals(1, cli.run("scenes", missing.toString(), "--out", dir.resolve("cues").toString()));
        String err = cli.err.toString();
        assertTrue(err.startsWith("omnisila scenes: " + missing), err);
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
    }

    @Test
    void ctrlCWaitsUntilTheCommandHasStopped() throws Exception {
        CtrlC stop = new CtrlC();
        Thread hook = stop.hook();
        hook.start(); // as the JVM does on Ctrl-C
        hook.join(300);
        assertTrue(stop.requested());
        assertTrue(hook.isAlive(), "the hook holds the JVM until the work has cleaned up");
        stop.close();
        hook.join(5_000);
        assertFalse(hook.isAlive(), "closing releases it");
    }
}
