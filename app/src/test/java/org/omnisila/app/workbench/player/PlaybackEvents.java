package org.omnisila.app.workbench.player;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.omnisila.engine.video.VideoMetadata;

/** Records what a {@link Playback}'s threads report; each frame takes {@code frameMillis} to "show". */
final class PlaybackEvents implements Playback.Listener {
    final List<Double> times = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> failed = new CompletableFuture<>();
    final CompletableFuture<Void> stopped = new CompletableFuture<>();
    final List<String> silent = new CopyOnWriteArrayList<>();
    /** When playing last started, {@link System#nanoTime()}. */
    volatile long playingSince;
    private final long frameMillis;

    PlaybackEvents(long frameMillis) {
        this.frameMillis = frameMillis;
    }

    /** Shows the frame at {@code from}, plays to the end and returns how long playing took, seconds. */
    double playToEnd(Playback p, double from) throws Exception {
        p.seek(from).get(10, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        p.play();
        stopped.get(10, TimeUnit.SECONDS);
        return (System.nanoTime() - t0) / 1e9;
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
        if (playing) {
            playingSince = System.nanoTime();
        } else {
            stopped.complete(null);
        }
    }

    @Override
    public void failed(String message) {
        failed.complete(message);
    }

    @Override
    public void silent(String message) {
        silent.add(message);
    }
}
