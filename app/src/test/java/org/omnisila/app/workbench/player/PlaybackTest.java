package org.omnisila.app.workbench.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.video.SyntheticVideo;
import org.omnisila.engine.video.VideoMetadata;

/** The decode thread on its own, without JavaFX. */
class PlaybackTest {

    /** Records what the decode thread reports; each frame takes {@code frameMillis} to "show". */
    private static final class Recorder implements Playback.Listener {
        final List<Double> times = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> failed = new CompletableFuture<>();
        final CompletableFuture<Void> stopped = new CompletableFuture<>();
        final long frameMillis;

        Recorder(long frameMillis) {
            this.frameMillis = frameMillis;
        }

        @Override
        public void opened(VideoMetadata metadata) {
        }

        @Override
        public void frame(PlayerFrame frame) {
            times.add(frame.time());
            try {
                Thread.sleep(frameMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void playing(boolean playing) {
            if (!playing) {
                stopped.complete(null);
            }
        }

        @Override
        public void failed(String message) {
            failed.complete(message);
        }
    }

    @Test
    void aSlowScreenMakesPlaybackDropFramesNotSlowDown(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("v.mp4");
        SyntheticVideo.mp4(64, 48, 20, 40).write(video); // 2 s at 20 fps
        Recorder slow = new Recorder(120); // a frame takes 120 ms to show: 8 frames/s at the most
        Playback p = Playback.open(video, slow);
        p.seek(0).get(10, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        p.play();
        slow.stopped.get(10, TimeUnit.SECONDS);
        double wall = (System.nanoTime() - t0) / 1e9;
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
        Recorder r = new Recorder(0);
        Playback p = Playback.open(text, r);
        assertTrue(r.failed.get(10, TimeUnit.SECONDS).startsWith(text + ": not a video file"), r.failed.get());
        p.close().get(10, TimeUnit.SECONDS);
        assertTrue(p.seek(1).isCancelled(), "a command after close does nothing");
    }
}
