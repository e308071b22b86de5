package org.omnisila.engine.train;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.omnisila.engine.data.SceneDataset;
import org.omnisila.engine.data.SceneVideo;
import org.omnisila.engine.data.SyntheticScenes;
import org.omnisila.engine.eval.EvalReport;
import org.omnisila.engine.eval.PairedTTest;
import org.omnisila.engine.eval.io.ActivityNetWriter;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;

/**
 * The ablation of paper Table 1 on a scene-feature data set: each variant trained on the train split with the
 * same seeds and settings, then scored on the test split with the evaluation suite. With several seeds, each
 * ablation is compared with ICM by paired t-tests: over test videos on per-video scores averaged across seeds,
 * and over seeds on Avg mAP. Optionally every run's predictions and the ground truth are written in the
 * ActivityNet layout, so that {@code omnisila eval --compare} can test any two runs.
 */
public final class Ablation {
    private Ablation() {
    }

    /**
     * One trained variant's scores; {@code segmentAccuracy} is the share of test segments labelled right,
     * {@code attributionHitRate} the {@link AttributionCheck} on synthetic data (NaN on other data).
     */
    public record Row(IcmModel.Variant variant, long seed, EvalReport report, double segmentAccuracy,
                      double attributionHitRate, double trainSeconds, double segmentsPerSecond, int skippedUpdates) {
    }

    /** Receives each run's training progress. */
    public interface Listener {
        TrainingListener training(IcmModel.Variant variant, long seed);
    }

    /**
     * @param seeds       one run per variant and seed; {@code settings.seed()} is replaced by each
     * @param predictions folder for {@code gt.json} and {@code VARIANT-seedN.json} of every run, or null
     */
    public static List<Row> run(SceneDataset data, IcmConfig base, TrainingSettings settings, List<Long> seeds,
                                List<IcmModel.Variant> variants, Listener listener, BooleanSupplier cancelled,
                                Path predictions) throws IOException {
        IcmConfig config = base.withData(data.sceneWidths(), data.labels());
        List<SceneVideo> train = data.subset("train");
        List<SceneVideo> test = data.subset("test");
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("the data set needs train and test videos; it has " + train.size()
                    + " and " + test.size());
        }
        boolean synthetic = data.name().startsWith(SyntheticScenes.NAME_PREFIX);
        List<Row> rows = new ArrayList<>();
        for (long seed : seeds) {
            TrainingSettings seeded = settings.withSeed(seed);
            for (IcmModel.Variant variant : variants) {
                try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                    IcmModel model = new IcmModel(config, variant);
                    IcmTrainer trainer = new IcmTrainer(model, seeded, manager);
                    trainer.initialize();
                    long t0 = System.nanoTime();
                    IcmTrainer.Result r = trainer.train(train, listener.training(variant, seed), cancelled);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    if (r.cancelled()) {
                        return rows;
                    }
                    List<ModelEvaluation.VideoOutput> outputs = ModelEvaluation.run(model, manager, test,
                            SegmentDecoder.DEFAULT_THRESHOLD);
                    long correct = outputs.stream().mapToLong(o -> o.correctSegments(config.labels())).sum();
                    long total = test.stream().mapToLong(v -> v.segments().size()).sum();
                    double hitRate = synthetic ? AttributionCheck.primarySceneHitRate(model, manager, test)
                            : Double.NaN;
                    if (predictions != null) {
                        Files.createDirectories(predictions);
                        ActivityNetWriter.groundTruth(predictions.resolve("gt.json"),
                                ModelEvaluation.groundTruth(outputs, data.frames(), data.name()));
                        ActivityNetWriter.predictions(predictions.resolve(variant.name() + "-seed" + seed + ".json"),
                                ModelEvaluation.predictions(outputs, data.name()).byVideo());
                    }
                    rows.add(new Row(variant, seed, ModelEvaluation.report(outputs, data.frames(), data.name()),
                            correct / (double) total, hitRate, seconds, r.segmentsPerSecond(),
                            trainer.skippedUpdates()));
                }
            }
        }
        return rows;
    }

    /** The rows as a table shaped like the paper's Table 1, in percent, then the mean over seeds per variant. */
    public static String format(List<Row> rows, SceneDataset data, TrainingSettings settings) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "Ablation on %s: %d train / %d test videos, %d epochs%s%n", data.name(),
                data.subset("train").size(), data.subset("test").size(), settings.epochs(),
                settings.dictionaryEpochs() == 0 ? "" : ", IEC dictionary frozen after epoch "
                        + settings.dictionaryEpochs()));
        b.append(String.format(Locale.ROOT, "  %-14s %5s %7s %7s %7s %8s %8s %8s %7s %9s %9s %9s %8s%n", "variant",
                "seed", "Acc", "F2", "FNRs↓", "mAP@0.1", "mAP@0.2", "mAP@0.3", "Avg", "seg Acc", "attr hit",
                "train s", "skipped"));
        for (Row r : rows) {
            EvalReport e = r.report();
            b.append(String.format(Locale.ROOT,
                    "  %-14s %5d %7.2f %7.2f %7.2f %8.2f %8.2f %8.2f %7.2f %9.2f %9.2f %9.1f %8d%n",
                    name(r.variant()), r.seed(), 100 * e.identification().accuracy(),
                    100 * e.identification().weightedF2(), 100 * e.frames().fnr(), 100 * e.localization().map()[0],
                    100 * e.localization().map()[1], 100 * e.localization().map()[2],
                    100 * e.localization().averageMap(), 100 * r.segmentAccuracy(), 100 * r.attributionHitRate(),
                    r.trainSeconds(), r.skippedUpdates()));
        }
        b.append(significance(rows));
        return b.toString();
    }

    /**
     * Each ablation against ICM (FULL): paired t-tests over test videos on per-video frame F2, frame FNR and best
     * tIoU (each video's score averaged over the seeds), and over seeds on Avg mAP. Empty without FULL rows.
     */
    public static String significance(List<Row> rows) {
        Map<IcmModel.Variant, List<Row>> byVariant = new EnumMap<>(IcmModel.Variant.class);
        rows.forEach(r -> byVariant.computeIfAbsent(r.variant(), v -> new ArrayList<>()).add(r));
        List<Row> full = byVariant.get(IcmModel.Variant.FULL);
        if (full == null || byVariant.size() < 2) {
            return "";
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%nPaired t-tests against ICM (mean ICM vs mean variant, two-sided p):%n"));
        for (Map.Entry<IcmModel.Variant, List<Row>> e : byVariant.entrySet()) {
            if (e.getKey() == IcmModel.Variant.FULL) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "  %-14s", name(e.getKey())));
            for (String metric : List.of("frame F2", "frame FNR", "best tIoU")) {
                PairedTTest.Result t = pairedOverVideos(full, e.getValue(), metric);
                b.append(t == null ? String.format(Locale.ROOT, "  %s: n/a", metric)
                        : String.format(Locale.ROOT, "  %s %.3f vs %.3f p=%.3g (n=%d)", metric, t.meanA(),
                                t.meanB(), t.p(), t.n()));
            }
            PairedTTest.Result seedsTest = pairedOverSeeds(full, e.getValue());
            b.append(seedsTest == null ? "  Avg mAP over seeds: n/a (needs 2+ common seeds)"
                    : String.format(Locale.ROOT, "  Avg mAP %.2f vs %.2f p=%.3g (n=%d seeds)", 100 * seedsTest.meanA(),
                            100 * seedsTest.meanB(), seedsTest.p(), seedsTest.n()));
            b.append(System.lineSeparator());
        }
        return b.toString();
    }

    private static PairedTTest.Result pairedOverVideos(List<Row> a, List<Row> b, String metric) {
        double[] x = meanPerVideo(a, metric);
        double[] y = meanPerVideo(b, metric);
        if (x == null || y == null || x.length != y.length) {
            return null;
        }
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                pairs.add(new double[] {x[i], y[i]});
            }
        }
        if (pairs.size() < 2) {
            return null;
        }
        return PairedTTest.test(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                pairs.stream().mapToDouble(p -> p[1]).toArray());
    }

    private static double[] meanPerVideo(List<Row> rows, String metric) {
        double[] sum = null;
        for (Row r : rows) {
            double[] v = r.report().perVideo().get(metric);
            if (v == null) {
                return null;
            }
            if (sum == null) {
                sum = new double[v.length];
            }
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i] / rows.size(); // NaN stays NaN: that video drops out of the test
            }
        }
        return sum;
    }

    private static PairedTTest.Result pairedOverSeeds(List<Row> a, List<Row> b) {
        Map<Long, Double> full = new TreeMap<>();
        a.forEach(r -> full.put(r.seed(), r.report().localization().averageMap()));
        List<double[]> pairs = new ArrayList<>();
        for (Row r : b) {
            if (full.containsKey(r.seed())) {
                pairs.add(new double[] {full.get(r.seed()), r.report().localization().averageMap()});
            }
        }
        if (pairs.size() < 2) {
            return null;
        }
        return PairedTTest.test(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                pairs.stream().mapToDouble(p -> p[1]).toArray());
    }

    public static String name(IcmModel.Variant v) {
        return switch (v) {
            case FULL -> "ICM";
            case WITHOUT_SBM -> "w/o SBM";
            case WITHOUT_IEC -> "w/o IEC";
            case EXPLICIT_ONLY -> "explicit only";
            case IEC_SELF_ONLY -> "IEC self only";
            case IEC_CROSS_ONLY -> "IEC cross only";
            case IEC_RANDOM_INIT -> "IEC random init";
        };
    }
}
