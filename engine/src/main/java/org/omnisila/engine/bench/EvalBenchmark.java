package org.omnisila.engine.bench;

import static org.omnisila.engine.bench.BenchTable.time;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.eval.Diagnostics;
import org.omnisila.engine.eval.EvalOptions;
import org.omnisila.engine.eval.Evaluation;
import org.omnisila.engine.eval.FrameLevel;
import org.omnisila.engine.eval.FrameSampling;
import org.omnisila.engine.eval.GroundTruth;
import org.omnisila.engine.eval.Identification;
import org.omnisila.engine.eval.Localization;
import org.omnisila.engine.eval.Predictions;
import org.omnisila.engine.eval.io.ActivityNetReader;

/**
 * Times the evaluation suite on a synthetic test set of the size (1,000 videos, 100,000 predicted
 * segments): parsing both files, each metric family, and the whole run. The data are seeded, so runs compare.
 */
public final class EvalBenchmark {
    /** @param videos videos in the ground truth; @param predictions predicted segments in all */
    public record Settings(int videos, int predictions, int runs, long seed) {
        public Settings {
            if (videos < 1 || predictions < 0 || runs < 1) {
                throw new IllegalArgumentException("videos >= 1, predictions >= 0 and runs >= 1 are needed; got "
                        + videos + ", " + predictions + ", " + runs);
            }
        }
    }

    private EvalBenchmark() {
    }

    public static BenchTable run(Settings s, Path workDir) throws IOException {
        Path gtFile = workDir.resolve("bench-gt.json");
        Path predFile = workDir.resolve("bench-pred.json");
        writeData(s, gtFile, predFile);
        BenchTable table = new BenchTable(String.format(Locale.ROOT,
                "Evaluation benchmark: %,d videos, %,d predicted segments, %d runs after one warm-up (%s, %d cores)",
                s.videos(), s.predictions(), s.runs(), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors()));
        Supplier<GroundTruth> gt = () -> ActivityNetReader.readGroundTruth(gtFile, new Diagnostics());
        Supplier<Predictions> preds = () -> ActivityNetReader.readPredictions(predFile, new Diagnostics());
        GroundTruth g = gt.get().subset("test");
        Predictions p = preds.get();
        EvalOptions o = new EvalOptions("test", EvalOptions.PAPER_TIOUS, FrameSampling.videoFps(), 0.5, null);
        table.add("read ground truth", time(s.runs(), gt::get));
        table.add("read predictions", time(s.runs(), preds::get));
        table.add("mAP + segment F2 (3 tIoU)", time(s.runs(), () -> Localization.evaluate(g, p, o.tious())));
        table.add("frame F2 + FNRs", time(s.runs(), () -> FrameLevel.evaluate(g, p, o.sampling(), 0.5,
                FrameLevel.defaultFnrLabels(g.labels()))));
        table.add("identification", time(s.runs(), () -> Identification.evaluate(g, p, 0.5)));
        table.add("whole evaluation (no reading)", time(s.runs(), () -> Evaluation.run(g, p, o, null,
                new Diagnostics())));
        table.add("whole evaluation (with reading)", time(s.runs(), () -> Evaluation.run(gt.get(), preds.get(), o,
                null, new Diagnostics())));
        table.note(String.format(Locale.ROOT, "files: ground truth %,d bytes, predictions %,d bytes",
                Files.size(gtFile), Files.size(predFile)));
        return table;
    }

    /**
     * Ground truth: each video 60-180 s at 30 fps with 1-4 segments of the twelve implicit labels and TSL-300's
     * two explicit ones; predictions: jittered copies of annotations and random proposals, spread evenly.
     */
    static void writeData(Settings s, Path gtFile, Path predFile) throws IOException {
        Random rnd = new Random(s.seed());
        List<String> labels = new java.util.ArrayList<>(SentimentLabels.IMPLICIT);
        labels.add("positive");
        labels.add("negative");
        double[][][] gts = new double[s.videos()][][];
        int[][] gtLabels = new int[s.videos()][];
        double[] durations = new double[s.videos()];
        try (BufferedWriter w = Files.newBufferedWriter(gtFile, StandardCharsets.UTF_8)) {
            w.write("{\"database\": {\n");
            for (int v = 0; v < s.videos(); v++) {
                durations[v] = 60 + rnd.nextDouble() * 120;
                int n = 1 + rnd.nextInt(4);
                gts[v] = new double[n][2];
                gtLabels[v] = new int[n];
                StringBuilder anns = new StringBuilder();
                for (int k = 0; k < n; k++) {
                    double start = rnd.nextDouble() * (durations[v] - 20);
                    gts[v][k][0] = start;
                    gts[v][k][1] = start + 2 + rnd.nextDouble() * 18;
                    gtLabels[v][k] = rnd.nextInt(labels.size());
                    anns.append(k > 0 ? ", " : "").append(String.format(Locale.ROOT,
                            "{\"segment\": [\"%.3f\", \"%.3f\"], \"label\": \"%s\"}", gts[v][k][0], gts[v][k][1],
                            labels.get(gtLabels[v][k])));
                }
                w.write(String.format(Locale.ROOT,
                        "  \"video_%05d\": {\"subset\": \"test\", \"duration\": %.3f, \"fps\": 30, "
                                + "\"annotations\": [%s]}%s%n",
                        v, durations[v], anns, v + 1 < s.videos() ? "," : ""));
            }
            w.write("}}\n");
        }
        try (BufferedWriter w = Files.newBufferedWriter(predFile, StandardCharsets.UTF_8)) {
            w.write("{\"version\": \"bench\", \"results\": {\n");
            int written = 0;
            for (int v = 0; v < s.videos(); v++) {
                int n = (int) ((long) s.predictions() * (v + 1) / s.videos()) - written;
                written += n;
                w.write(String.format(Locale.ROOT, "  \"video_%05d\": [", v));
                for (int i = 0; i < n; i++) {
                    double start;
                    double end;
                    int label;
                    if (rnd.nextBoolean()) {
                        int k = rnd.nextInt(gts[v].length);
                        double len = gts[v][k][1] - gts[v][k][0];
                        start = Math.max(0, gts[v][k][0] + (rnd.nextDouble() - 0.5) * len);
                        end = start + len * (0.5 + rnd.nextDouble());
                        label = rnd.nextDouble() < 0.7 ? gtLabels[v][k] : rnd.nextInt(labels.size());
                    } else {
                        start = rnd.nextDouble() * durations[v];
                        end = Math.min(durations[v], start + 1 + rnd.nextDouble() * 15);
                        label = rnd.nextInt(labels.size());
                    }
                    w.write(String.format(Locale.ROOT, "%s{\"segment\": [%.3f, %.3f], \"label\": \"%s\", "
                            + "\"score\": %.6f}", i > 0 ? ", " : "", start, Math.max(start, end),
                            labels.get(label), rnd.nextDouble()));
                }
                w.write(v + 1 < s.videos() ? "],\n" : "]\n");
            }
            w.write("}}\n");
        }
    }
}
