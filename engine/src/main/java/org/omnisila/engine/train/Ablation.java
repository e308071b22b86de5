package org.omnisila.engine.train;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.omnisila.engine.data.SceneDataset;
import org.omnisila.engine.data.SceneVideo;
import org.omnisila.engine.eval.EvalReport;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;

/**
 * The ablation of paper Table 1 on a scene-feature data set: each variant trained on the train split with the
 * same seed and settings, then scored on the test split with the evaluation suite.
 */
public final class Ablation {
    private Ablation() {
    }

    /** One variant's scores; {@code segmentAccuracy} is the share of test segments labelled right. */
    public record Row(IcmModel.Variant variant, EvalReport report, double segmentAccuracy, double trainSeconds,
                      double segmentsPerSecond, int skippedUpdates) {
    }

    /** Receives each variant's training progress. */
    public interface Listener {
        TrainingListener training(IcmModel.Variant variant);
    }

    public static List<Row> run(SceneDataset data, IcmConfig base, TrainingSettings settings,
                                List<IcmModel.Variant> variants, Listener listener, BooleanSupplier cancelled) {
        IcmConfig config = base.withData(data.sceneWidths(), data.labels());
        List<SceneVideo> train = data.subset("train");
        List<SceneVideo> test = data.subset("test");
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("the data set needs train and test videos; it has " + train.size()
                    + " and " + test.size());
        }
        List<Row> rows = new ArrayList<>();
        for (IcmModel.Variant variant : variants) {
            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                IcmModel model = new IcmModel(config, variant);
                IcmTrainer trainer = new IcmTrainer(model, settings, manager);
                trainer.initialize();
                long t0 = System.nanoTime();
                IcmTrainer.Result r = trainer.train(train, listener.training(variant), cancelled);
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (r.cancelled()) {
                    break;
                }
                List<ModelEvaluation.VideoOutput> outputs = ModelEvaluation.run(model, manager, test,
                        SegmentDecoder.DEFAULT_THRESHOLD);
                long correct = outputs.stream().mapToLong(o -> o.correctSegments(config.labels())).sum();
                long total = test.stream().mapToLong(v -> v.segments().size()).sum();
                rows.add(new Row(variant, ModelEvaluation.report(outputs, data.frames(), data.name()),
                        correct / (double) total, seconds, r.segmentsPerSecond(), trainer.skippedUpdates()));
            }
        }
        return rows;
    }

    /** The rows as a table shaped like the paper's Table 1, in percent. */
    public static String format(List<Row> rows, SceneDataset data, TrainingSettings settings) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "Ablation on %s: %d train / %d test videos, %d epochs, seed %d%n", data.name(),
                data.subset("train").size(), data.subset("test").size(), settings.epochs(), settings.seed()));
        b.append(String.format(Locale.ROOT, "  %-14s %7s %7s %7s %8s %8s %8s %7s %9s %9s %8s%n", "variant", "Acc",
                "F2", "FNRs↓", "mAP@0.1", "mAP@0.2", "mAP@0.3", "Avg", "seg Acc", "train s", "skipped"));
        for (Row r : rows) {
            EvalReport e = r.report();
            b.append(String.format(Locale.ROOT, "  %-14s %7.2f %7.2f %7.2f %8.2f %8.2f %8.2f %7.2f %9.2f %9.1f %8d%n",
                    name(r.variant()), 100 * e.identification().accuracy(), 100 * e.identification().weightedF2(),
                    100 * e.frames().fnr(), 100 * e.localization().map()[0], 100 * e.localization().map()[1],
                    100 * e.localization().map()[2], 100 * e.localization().averageMap(), 100 * r.segmentAccuracy(),
                    r.trainSeconds(), r.skippedUpdates()));
        }
        return b.toString();
    }

    public static String name(IcmModel.Variant v) {
        return switch (v) {
            case FULL -> "ICM";
            case WITHOUT_SBM -> "w/o SBM";
            case WITHOUT_IEC -> "w/o IEC";
            case EXPLICIT_ONLY -> "explicit only";
        };
    }
}
