package org.omnisila.app.workbench.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.video.SyntheticVideo;

/** The decode thread on its own, without JavaFX. */
class PlaybackTest {

    @Test
    void aSlowScreenMakesPlaybackDropFramesNotSlowDown(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("v.mp4");
        SyntheticVideo.mp4(64, 48, 20, 40).write(video); // 2 s at 20 fps
        PlaybackEvents slow = new PlaybackEvents(120); // a frame takes 120 ms to show: 8 frames/s at the most
        Playback p = Playback.open(video, slow);
        double wall = slow.playToEnd(p, 0);
        p.close().get(10, TimeUnit.SECONDS);
        assertTrue(wall < 3.0, "2 s of video played in " + wall + " s");
        int shown = slow.times.size() - 2; // the first frame and the seek's
        assertTrue(shown < 25, shown + " of 40 frames shown");
        assertEquals(1.95, slow.times.get(slow.times.size() - 1), 1e-3); // it played to the last frame
        for (int i = 1; i < slow.times.size(); i++) { // in order, none shown twice
            assertTrue(slow.times.get(i) > slow.times.get(i - 1) || i <= 2, slow.times.toString());
        }
    }

    @Test
    void aFileThatIsNotAVideoIsReportedAndTheThreadEnds(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("notes.mp4");
        Files.writeString(text, "not a video\n");
        PlaybackEvents r = new PlaybackEvents(0);
        Playback p = Playback.open(text, r);
        assertTrue(r.failed.get(10, TimeUnit.SECONDS).startsWith(text + ": not a video file"), r.failed.get());
        p.close().get(10, TimeUnit.SECONDS);
        assertTrue(p.seek(1).isCancelled(), "a command after close does nothing");
    }
}
