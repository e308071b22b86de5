package org.omnisila.app.workbench.timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.api.SceneCues;
import org.omnisila.engine.api.SceneWeights;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.api.VideoInfo;
import org.omnisila.engine.bench.BenchTable;

/**
 * {@code omnisila bench timeline}: milliseconds to draw one frame of the timeline for a long synthetic analysis
 * (default 10,000 segments of 2 s and as many located sentiments) at several zoom levels, headless (Monocle,
 * Prism's software pipeline). Two numbers per zoom: issuing the drawing commands ({@link TimelineRenderer}), and
 * the same plus rendering them to pixels (a snapshot of the canvas, which forces Prism to rasterise the commands
 * and read the pixels back, so it is an upper bound for a frame on screen).
 */
public final class TimelineBenchmark {
    /** Benchmark settings: segments, canvas width, timed runs, zoom levels. */
    public record Settings(int segments, int width, int runs, double[] zooms) {
        public Settings {
            if (segments < 1 || width < 100 || runs < 1 || zooms.length == 0) {
                throw new IllegalArgumentException("need segments >= 1, width >= 100, runs >= 1 and a zoom; got "
                        + segments + " segments, width " + width + ", " + runs + " runs, " + zooms.length + " zooms");
            }
        }
    }

    private TimelineBenchmark() {
    }

    public static BenchTable run(Settings settings) {
        HeadlessFx.start();
        TimelineData data = new TimelineData(syntheticAnalysis(settings.segments(), 2.0, 1));
        return HeadlessFx.call(() -> measure(data, settings));
    }

    private static BenchTable measure(TimelineData data, Settings settings) {
        BenchTable table = new BenchTable(String.format(Locale.ROOT,
                "Timeline frame: %,d segments, %,d located, %.0f s of video, canvas %dx%.0f, headless software "
                        + "pipeline", data.segments().size(), data.located().size(), data.duration(),
                settings.width(), TimelineLayout.HEIGHT));
        Canvas canvas = new Canvas(settings.width(), TimelineLayout.HEIGHT);
        TimelineRenderer renderer = new TimelineRenderer();
        WritableImage image = new WritableImage(settings.width(), (int) TimelineLayout.HEIGHT);
        // Warm-up beyond BenchTable's one call: the JIT compiles the drawing loops after a few hundred frames.
        for (int i = 0; i < 200; i++) {
            renderer.draw(canvas.getGraphicsContext2D(), data, TimeScale.fit(data.duration(), settings.width())
                    .zoomAround(settings.width() / 2.0, Math.pow(10, i % 4)), 0, -1);
        }
        canvas.snapshot(null, image);
        for (double zoom : settings.zooms()) {
            TimeScale fit = TimeScale.fit(data.duration(), settings.width());
            TimeScale scale = new TimeScale(fit.duration(), fit.width(), zoom, 0)
                    .withOffset(data.duration() / 2 - data.duration() / zoom / 2);
            int first = data.segmentIndex().firstOverlapping(scale.offset());
            int visible = data.segmentIndex().lastOverlapping(scale.end()) - first + 1;
            String name = String.format(Locale.ROOT, "zoom %.0fx (%,d segments in view)", scale.zoom(), visible);
            double playhead = scale.offset() + scale.visibleSeconds() / 3;
            table.add(name + ": draw commands", BenchTable.time(settings.runs(), () -> {
                renderer.draw(canvas.getGraphicsContext2D(), data, scale, playhead, -1);
                return canvas;
            }));
            table.add(name + ": draw + render", BenchTable.time(settings.runs(), () -> {
                renderer.draw(canvas.getGraphicsContext2D(), data, scale, playhead, -1);
                return canvas.snapshot(null, image);
            }));
        }
        table.note("target: under 16 ms per frame (60 frames/s); render = snapshot, which also reads pixels back");
        return table;
    }

    /**
     * A long analysis for benchmarks and tests: consecutive segments of the given length with random scores over
     * the explicit labels and random routing weights, one located sentiment per segment with its top label.
     */
    public static VideoAnalysis syntheticAnalysis(int segments, double segmentSeconds, long seed) {
        Random random = new Random(seed);
        List<SegmentResult> results = new ArrayList<>(segments);
        List<LocatedSentiment> located = new ArrayList<>(segments);
        for (int i = 0; i < segments; i++) {
            double start = i * segmentSeconds;
            double end = start + segmentSeconds;
            double[] p = softmax(random, SentimentLabels.EXPLICIT.size());
            Map<String, Double> scores = new LinkedHashMap<>();
            for (int k = 0; k < p.length; k++) {
                scores.put(SentimentLabels.EXPLICIT.get(k), p[k]);
            }
            double[] r = softmax(random, 4);
            SegmentResult s = new SegmentResult(i, start, end, List.of(start, end), scores,
                    new SceneWeights(r[0], r[1], r[2], r[3]), null, SceneCues.empty(), null);
            results.add(s);
            located.add(new LocatedSentiment(start, end, s.topLabel(), scores.get(s.topLabel()), null));
        }
        return new VideoAnalysis(new VideoInfo("synthetic.mp4", "0".repeat(64), segments * segmentSeconds, 25,
                1280, 720), new ModelInfo("ICM", "small", null, "cpu"), results, located);
    }

    private static double[] softmax(Random random, int n) {
        double[] p = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            p[k] = Math.exp(2 * random.nextGaussian());
            sum += p[k];
        }
        for (int k = 0; k < n; k++) {
            p[k] /= sum;
        }
        return p;
    }
}
