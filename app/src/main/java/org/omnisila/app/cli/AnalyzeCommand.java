package org.omnisila.app.cli;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.omnisila.engine.analysis.AnalysisOutcome;
import org.omnisila.engine.analysis.EmbeddedModel;
import org.omnisila.engine.analysis.LoadedAnalyzer;
import org.omnisila.engine.analysis.SceneCache;
import org.omnisila.engine.analysis.VideoAnalyzer;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.instruct.Instruction;
import org.omnisila.engine.llm.run.FullModel;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.video.VideoCancelledException;
import org.omnisila.engine.video.VideoWarning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code omnisila analyze}: decode -> scenes -> ICM -> result JSON. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyse a video: decode it once, extract the four scenes per segment, run the ICM and write",
            "the result JSON (segments with scores, routing, causal effects, cues; located sentiments). Ctrl-C stops."})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "VIDEO", description = "The video file.")
    Path video;

    @Option(names = "--out", paramLabel = "FILE", description = "Result JSON (default: VIDEO with .omnisila.json).")
    Path out;

    @Option(names = "--model", paramLabel = "DIR",
            description = {"A checkpoint trained on the bundled extractors' features (omnisila train --out),",
                "or a Hugging Face Video-LLaVA folder (config.json of model_type llava/llama): the full model.",
                "Default: the embedded model (explicit sentiment distilled from the expression model; models/README.md)."})
    Path model;

    @Mixin
    FullModelOption full;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "256",
            description = "Full model: the longest answer, in tokens (default: ${DEFAULT-VALUE}).")
    int maxNewTokens;

    @Option(names = "--instruction", paramLabel = "TEXT",
            description = {"Full model: ask TEXT once and parse its answer, labels scored after it (e.g. the paper's",
                "\"" + Instruction.PAPER + "\").",
                "Default: the three questions the adapter was tuned on (identify, locate, attribute; docs/full-model.md)."})
    String instruction;

    @Option(names = "--window", paramLabel = "SECONDS", defaultValue = "0",
            description = {"Full model: also score windows of this length, each from its own eight frames (label "
                + "scores, routing, causal effects per window on the timeline); 0 (default): the whole video as one "
                + "segment. The questions are asked about the whole video either way."})
    double window;

    @Option(names = "--no-cache", description = "Extract the scenes again even when the scene cache has this video.")
    boolean noCache;

    @Mixin
    DeviceOption device;

    @Mixin
    SegmentOption segment;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Device dev = device.choose();
        Path target = out != null ? out : video.resolveSibling(video.getFileName() + ".omnisila.json");
        if (model != null && FullModel.isHfFolder(model)) {
            return new FullAnalyzeRun(spec.commandLine(), video, model, full, maxNewTokens, instruction, window, target)
                    .run(dev);
        }
        if (full.adapter != null || full.tower != null || full.precision != null || instruction != null
                || window != 0) {
            throw new IllegalArgumentException("--adapter, --tower, --precision, --instruction and --window are for a "
                    + "Video-LLaVA folder as "
                    + "--model" + (model == null ? "" : " (" + model + " has no config.json of model_type llava/llama)"));
        }
        Path checkpoint = model != null ? model : EmbeddedModel.checkpoint(new ModelFiles());
        SceneCache cache = noCache ? null : SceneCache.standard(n -> err.println("warning: " + n));
        try (CtrlC stop = new CtrlC();
             LoadedAnalyzer loaded = LoadedAnalyzer.open(checkpoint, dev, new ModelFiles(), segment.plan(), cache)) {
            err.printf(Locale.ROOT, "analysing %s with %s on %s%n", video,
                    model != null ? model : "the embedded model (" + EmbeddedModel.summary() + ")",
                    loaded.info().device());
            VideoAnalyzer analyzer = loaded.analyzer();
            AnalysisOutcome outcome;
            try {
                outcome = analyzer.analyze(video, new PhaseProgress(err), stop::requested);
            } catch (VideoCancelledException e) {
                err.printf(Locale.ROOT, "%nstopped; nothing written%n");
                return 130;
            }
            ResultJson.write(outcome.analysis(), target);
            for (VideoWarning w : outcome.warnings()) {
                err.printf(Locale.ROOT, "warning: %s%n", w.message());
            }
            var o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "%d segments, %d located sentiments -> %s%n", outcome.analysis().segments().size(),
                    outcome.analysis().located().size(), target);
            for (LocatedSentiment l : outcome.analysis().located()) {
                o.printf(Locale.ROOT, "  %7.2f-%7.2f s  %-10s %.2f  %s%n", l.start(), l.end(), l.label(), l.score(),
                        l.attribution() == null ? "" : l.attribution());
            }
            o.flush();
            return 0;
        }
    }
}
