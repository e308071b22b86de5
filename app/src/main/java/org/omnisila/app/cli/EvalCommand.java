package org.omnisila.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.eval.Comparison;
import org.omnisila.engine.eval.Diagnostics;
import org.omnisila.engine.eval.EvalOptions;
import org.omnisila.engine.eval.EvalReport;
import org.omnisila.engine.eval.Evaluation;
import org.omnisila.engine.eval.FrameSampling;
import org.omnisila.engine.eval.GroundTruth;
import org.omnisila.engine.eval.GroundTruthVideo;
import org.omnisila.engine.eval.PairedTTest;
import org.omnisila.engine.eval.Predictions;
import org.omnisila.engine.eval.io.ActivityNetReader;
import org.omnisila.engine.eval.io.PredictionFiles;
import org.omnisila.engine.eval.io.TimingFiles;
import org.omnisila.engine.eval.report.EvalJson;
import org.omnisila.engine.eval.report.EvalTable;
import org.omnisila.engine.eval.text.SentenceEmbedder;
import org.omnisila.engine.eval.text.TextAttributionScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code omnisila eval}: the paper's metrics for a prediction file against a ground truth. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate predictions against a ground truth: Acc, F2, FNRs, mAP@tIoU (paper Table 1),",
            "TSL-300's segment F2, recall, frame-level F2, and Sem-R, Sem-C, Sen-A, Atr-R (Table 2) where the",
            "ground truth has attribution text. With --compare, a paired t-test between two prediction files.",
            "Exit status: 0 done, 1 bad input, 2 bad usage, 3 warnings under --strict."})
public final class EvalCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--gt", required = true, paramLabel = "GT.json",
            description = "Ground truth in the ActivityNet layout ({\"database\": ...}).")
    Path groundTruth;

    @Option(names = "--pred", required = true, paramLabel = "PRED.json",
            description = "Predictions: an ActivityNet results file ({\"results\": ...}), one of our result JSON "
                    + "files, or a folder of them.")
    Path predictions;

    @Option(names = "--compare", paramLabel = "PRED2.json",
            description = "A second prediction file: print both evaluations and paired t-tests (A = --pred).")
    Path compare;

    @Option(names = "--subset", defaultValue = "test", paramLabel = "NAME",
            description = "Ground-truth subset to evaluate, or 'all' (default: ${DEFAULT-VALUE}).")
    String subset;

    @Option(names = "--tiou", split = ",", defaultValue = "0.1,0.2,0.3", paramLabel = "T",
            description = "tIoU thresholds (default: ${DEFAULT-VALUE}).")
    double[] tious;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--threshold", defaultValue = "0.5", paramLabel = "S",
            description = "Score a predicted segment needs to count for frame-level and identification metrics "
                    + "(default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--fps", paramLabel = "RATE",
            description = "Sample every video at this many frames/s for frame-level metrics (default: each "
                    + "video's fps from the ground truth or --fps-file, else 10).")
    Double fps;

    @Option(names = "--fps-file", paramLabel = "FILE", description = "{video: fps} JSON, as TSL-300's fps_dict.json.")
    Path fpsFile;

    @Option(names = "--duration-file", paramLabel = "FILE",
            description = "{video: seconds} JSON, as TSL-300's len_duration_dict.json (default: the ground truth's "
                    + "\"duration\", else the last segment end).")
    Path durationFile;

    @Option(names = "--fnr-labels", split = ",", paramLabel = "LABEL",
            description = "Classes pooled into FNRs (default: all but positive, neutral and Normal).")
    List<String> fnrLabels;

    @Option(names = "--no-sem-c", description = "Skip Sem-C (does not load the sentence-embedding model).")
    boolean noSemC;

    @Option(names = "--strict", description = "Exit with status 3 when there are warnings.")
    boolean strict;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of the console.")
    Path out;

    enum Format { table, json }

    @Override
    public Integer call() throws IOException {
        EvalOptions options = new EvalOptions("all".equals(subset) ? null : subset, tious,
                fps == null ? FrameSampling.videoFps() : FrameSampling.stated(fps), threshold,
                fnrLabels == null ? null : fnrLabels.stream().map(SentimentLabels::canonical).toList());
        GroundTruth gt = readGroundTruth();
        boolean attribution = gt.subset(options.subset()).videos().values().stream()
                .flatMap(v -> v.segments().stream()).anyMatch(s -> s.attribution() != null && !s.attribution().isBlank());
        try (SentenceEmbedder embedder = attribution && !noSemC ? new SentenceEmbedder() : null) {
            TextAttributionScorer scorer = new TextAttributionScorer(embedder);
            EvalReport a = evaluate(gt, predictions, options, scorer);
            StringBuilder text = new StringBuilder(render(a));
            int warnings = a.warnings().size();
            if (compare != null) {
                EvalReport b = evaluate(gt, compare, options, scorer);
                warnings += b.warnings().size();
                Map<String, PairedTTest.Result> tests = Comparison.pairedTTests(a, b);
                if (format == Format.json) {
                    text = new StringBuilder("{\"a\": ").append(EvalJson.format(a)).append(", \"b\": ")
                            .append(EvalJson.format(b)).append(", \"comparison\": ")
                            .append(EvalJson.formatComparison(predictions.toString(), compare.toString(), tests))
                            .append("}\n");
                } else {
                    text.append('\n').append(render(b)).append('\n')
                            .append(EvalTable.formatComparison(predictions.toString(), compare.toString(), tests));
                }
            }
            emit(text.toString());
            return strict && warnings > 0 ? 3 : 0;
        }
    }

    private GroundTruth readGroundTruth() {
        Diagnostics d = new Diagnostics();
        GroundTruth gt = ActivityNetReader.readGroundTruth(groundTruth, d);
        Map<String, Double> durations = durationFile == null ? Map.of() : TimingFiles.read(durationFile, d);
        Map<String, Double> rates = fpsFile == null ? Map.of() : TimingFiles.read(fpsFile, d);
        d.throwIfErrors();
        if (d.all().isEmpty() && durations.isEmpty() && rates.isEmpty()) {
            return gt;
        }
        for (GroundTruthVideo v : gt.videos().values()) {
            if (fpsFile != null && !rates.containsKey(v.id()) && !(v.fps() > 0)) {
                d.warning(fpsFile.toString(), 0, v.id(), "no fps for this video; using the fallback rate");
            }
        }
        d.all().forEach(w -> spec.commandLine().getErr().println(w));
        return TimingFiles.apply(gt, durations, rates);
    }

    private EvalReport evaluate(GroundTruth gt, Path predFile, EvalOptions options, TextAttributionScorer scorer) {
        Diagnostics d = new Diagnostics();
        Predictions preds = PredictionFiles.read(predFile, d);
        return Evaluation.run(gt, preds, options, scorer, d);
    }

    private String render(EvalReport r) {
        return format == Format.json ? EvalJson.format(r) : EvalTable.format(r);
    }

    private void emit(String text) throws IOException {
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            w.print(text);
            w.flush();
        } else {
            Files.writeString(out, text, StandardCharsets.UTF_8);
            spec.commandLine().getErr().println("omnisila eval: wrote " + out);
        }
    }
}
