package org.omnisila.app.workbench;

import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.omnisila.app.workbench.timeline.HeadlessFx;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.api.Cue;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.api.SceneCues;
import org.omnisila.engine.api.SceneWeights;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.api.VideoInfo;
import org.omnisila.engine.bench.BenchTable;
import org.omnisila.engine.video.SyntheticVideo;

/**
 * {@code omnisila bench workbench}: the window headless (Monocle, software rendering). It measures the time
 * from the JVM's start to the first video frame shown, and the heap the window holds with an hour-long
 * analysis shown.
 *
 * <p>The hour-long analysis is synthetic: 1,800 segments of 2 s with 3 cues per scene and 300 located spans,
 * the size of a real one. Analysing an hour of footage takes about 45 minutes here (docs/model.md), too long
 * for a benchmark.
 */
public final class WorkbenchBenchmark {
    private WorkbenchBenchmark() {
    }

    /**
     * @param work a scratch folder for the generated 640x360 video
     * @return the table
     */
    public static BenchTable run(Path work, int runs) throws IOException {
        double jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Path video = work.resolve("bench-640x360.mp4");
        long g0 = System.nanoTime();
        SyntheticVideo.mp4(640, 360, 30, 300).texture(true).write(video);
        double generating = (System.nanoTime() - g0) / 1e6;
        HeadlessFx.start();
        BenchTable table = new BenchTable("Workbench (headless, Monocle software rendering)");
        double[] firstFrame = new double[runs];
        double launchToFrame = Double.NaN;
        for (int r = 0; r < runs; r++) {
            MainWindow window = HeadlessFx.call(() -> {
                Stage stage = new Stage();
                MainWindow w = new MainWindow(stage);
                stage.setScene(new Scene(w.root(), 1280, 800));
                stage.show();
                return w;
            });
            long t0 = System.nanoTime();
            HeadlessFx.call(() -> {
                window.open(video);
                return true;
            });
            while (HeadlessFx.call(() -> window.player().viewModel().frameProperty().get() == null)) {
                pause();
            }
            firstFrame[r] = (System.nanoTime() - t0) / 1e6;
            if (r == 0) {
                launchToFrame = System.currentTimeMillis() - jvmStart - generating;
            }
            if (r == runs - 1) {
                long before = usedHeap();
                VideoAnalysis hour = hourLongAnalysis(video);
                HeadlessFx.call(() -> {
                    window.showAnalysis(hour);
                    return true;
                });
                long after = usedHeap();
                table.note(String.format(Locale.ROOT, "heap in use: %.0f MB with the window and a video open, "
                        + "%.0f MB with an hour-long analysis shown (%d segments, %d located)", before / 1e6,
                        after / 1e6, hour.segments().size(), hour.located().size()));
            }
            HeadlessFx.call(() -> {
                window.player().viewModel().close();
                window.root().getScene().getWindow().hide();
                return true;
            });
        }
        table.add("open a video -> first frame shown", firstFrame);
        table.note(String.format(Locale.ROOT, "JVM start -> first frame shown (first run; JavaFX start included, "
                + "writing the test video left out): %.0f ms", launchToFrame));
        return table;
    }

    /** Waits 2 ms between polls of the FX thread. */
    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the first frame", e);
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static VideoAnalysis hourLongAnalysis(Path video) {
        List<SegmentResult> segments = new ArrayList<>();
        List<LocatedSentiment> located = new ArrayList<>();
        String[] labels = {"positive", "negative", "neutral"};
        for (int i = 0; i < 1800; i++) {
            double s = 2.0 * i;
            Map<String, Double> scores = new LinkedHashMap<>();
            for (int k = 0; k < 3; k++) {
                scores.put(labels[k], k == i % 3 ? 0.8 : 0.1);
            }
            List<Cue> cues = List.of(new Cue("face 1: happy 0.9", s + 0.5, new Box(10, 10, 50, 50), 0.2),
                    new Cue("face 2: neutral 0.7", s + 1.0, new Box(100, 10, 50, 50), 0.1),
                    new Cue("face 3: sad 0.6", s + 1.5, new Box(200, 10, 50, 50), 0.05));
            segments.add(new SegmentResult(i, s, s + 2, List.of(s, s + 0.25, s + 0.5, s + 0.75, s + 1, s + 1.25,
                    s + 1.5, s + 1.75), scores, new SceneWeights(0.4, 0.3, 0.2, 0.1),
                    new SceneWeights(0.1, 0.05, 0.0, -0.02), new SceneCues(cues, cues, cues, cues),
                    labels[i % 3] + " (0.80). Listened most to face cues (40%)."));
            if (i % 6 == 0) {
                located.add(new LocatedSentiment(s, s + 4, labels[i % 2], 0.7, "a located span"));
            }
        }
        return new VideoAnalysis(new VideoInfo(video.toString(), "d".repeat(64), 3600, 30, 640, 360),
                new ModelInfo("ICM", "small", null, "cpu"), segments, located);
    }
}
