package org.omnisila.app.workbench.player;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bytedeco.javacv.FrameRecorder;
import org.omnisila.engine.bench.BenchTable;
import org.omnisila.engine.bench.DecodeBenchmark.Settings;
import org.omnisila.engine.video.SyntheticVideo;

/**
 * The player's speed without a screen, on a generated H.264 MP4 with moving noise (by default 640x360, 30 fps,
 * 20 s): seek latency (from {@link PlayerViewModel#seek} to the frame set on the view model, ready for the view to
 * copy into its pixel buffer; the copy itself, about a millisecond, is not included), sustained decode + convert
 * frames per second (stepping through every frame), and playing at 4x (frames shown and dropped). A single-thread
 * executor stands in for the FX thread. Takes the settings of {@code bench decode} ({@link Settings}: the seeks are
 * the number of random-time seeks timed, one table sample each).
 */
public final class PlayerBenchmark {

    private static final double PLAY_SPEED = 4;

    private PlayerBenchmark() {
    }

    public static BenchTable run(Settings s, Path workDir) throws IOException {
        Path video = workDir.resolve("bench-player.mp4");
        int frames = (int) Math.round(s.fps() * s.seconds());
        try {
            SyntheticVideo.mp4(s.width(), s.height(), s.fps(), frames).texture(true).write(video);
        } catch (FrameRecorder.Exception e) {
            throw new IOException("could not write the benchmark video: " + e.getMessage(), e);
        }
        BenchTable table = new BenchTable(String.format(Locale.ROOT,
                "Player: %dx%d H.264 MP4, %.0f fps, %.0f s (%d frames), headless (%s, %d cores)", s.width(),
                s.height(), s.fps(), s.seconds(), frames, System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors()));
        ExecutorService fx = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-fx");
            t.setDaemon(true);
            return t;
        });
        PlayerViewModel vm = new PlayerViewModel(fx);
        try {
            on(fx, () -> {
                vm.open(video);
                return vm.seek(0);
            });
            Random rnd = new Random(7);
            double[] seek = new double[s.seeks()];
            for (int i = 0; i < seek.length; i++) {
                double t = rnd.nextDouble() * s.seconds();
                long t0 = System.nanoTime();
                on(fx, () -> vm.seek(t));
                seek[i] = (System.nanoTime() - t0) / 1e6;
            }
            table.add("seek to a random time, until the frame is set", seek);
            String stepping = String.format(Locale.ROOT, "step through all %d frames (decode + convert)", frames);
            table.add(stepping, BenchTable.time(s.runs(), () -> stepThrough(fx, vm, frames)));
            table.note(String.format(Locale.ROOT, "sustained decode + convert: %.0f frames/s",
                    frames / (table.median(stepping) / 1000)));
            table.note(playAtSpeed(fx, vm, frames, s.seconds()));
        } finally {
            on(fx, vm::close);
            fx.shutdown();
        }
        return table;
    }

    private static Object stepThrough(ExecutorService fx, PlayerViewModel vm, int frames) {
        on(fx, () -> vm.seek(0));
        for (int i = 1; i < frames; i++) {
            on(fx, () -> vm.step(1));
        }
        return Boolean.TRUE;
    }

    /** Plays the whole video at {@link #PLAY_SPEED} and says how many frames were shown, how many dropped. */
    private static String playAtSpeed(ExecutorService fx, PlayerViewModel vm, int frames, double seconds) {
        AtomicInteger shown = new AtomicInteger();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        on(fx, () -> {
            vm.frameProperty().addListener((o, was, now) -> shown.incrementAndGet());
            vm.playingProperty().addListener((o, was, now) -> {
                if (!now) {
                    ended.complete(null);
                }
            });
            vm.speedProperty().set(PLAY_SPEED);
            CompletableFuture<Void> atStart = vm.seek(0);
            vm.play();
            return atStart;
        });
        long t0 = System.nanoTime();
        wait(ended, seconds / PLAY_SPEED * 4 + 10);
        double wall = (System.nanoTime() - t0) / 1e9;
        return String.format(Locale.ROOT, "playing at %.0fx: %d of %d frames shown (%d dropped) in %.2f s, "
                + "%.2f s due", PLAY_SPEED, shown.get(), frames, frames - shown.get(), wall, seconds / PLAY_SPEED);
    }

    /** Runs a command where the view model lives and waits for what it returns. */
    private static void on(ExecutorService fx, Supplier<CompletableFuture<Void>> command) {
        CompletableFuture<CompletableFuture<Void>> issued = CompletableFuture.supplyAsync(command, fx);
        wait(issued.thenCompose(f -> f), 30);
    }

    private static void wait(CompletableFuture<Void> f, double seconds) {
        try {
            f.get(Math.round(seconds * 1000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the player did not answer: " + e, e);
        }
    }
}
