package org.omnisila.app.cli;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.llm.run.FullAnalyzer;
import org.omnisila.engine.llm.run.FullAnswer;
import org.omnisila.engine.llm.run.FullModel;
import org.omnisila.engine.video.VideoCancelledException;
import picocli.CommandLine;

/** {@code omnisila analyze VIDEO --model HF_FOLDER [--adapter DIR]}: the full model's path of analyze. */
final class FullAnalyzeRun {
    private final CommandLine cl;
    private final Path video;
    private final Path base;
    private final FullModelOption full;
    private final int maxNewTokens;
    private final String instruction;
    private final double window;
    private final Path target;

    /** @param instruction one instruction to ask, or null for the tuned questions */
    FullAnalyzeRun(CommandLine cl, Path video, Path base, FullModelOption full, int maxNewTokens, String instruction,
                   double window, Path target) {
        this.cl = cl;
        this.video = video;
        this.base = base;
        this.full = full;
        this.maxNewTokens = maxNewTokens;
        this.instruction = instruction;
        this.window = window;
        this.target = target;
    }

    int run(Device device) throws IOException {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("--max-new-tokens must be >= 1, not " + maxNewTokens);
        }
        PrintWriter err = cl.getErr();
        try (CtrlC stop = new CtrlC(); FullModel model = full.open(base, device, err)) {
            err.printf(Locale.ROOT, "analysing %s with %s (%s) on %s%n", video, model.info().name(),
                    model.info().config(), model.info().device());
            FullAnalyzer.Result r;
            try {
                r = new FullAnalyzer(model, maxNewTokens, instruction).withWindows(window).analyze(video,
                        new PhaseProgress(err), stop::requested);
            } catch (VideoCancelledException e) {
                err.printf(Locale.ROOT, "%nstopped; nothing written%n");
                return 130;
            }
            ResultJson.write(r.analysis(), target);
            PrintWriter o = cl.getOut();
            for (FullAnalyzer.Asked q : r.asked()) {
                FullAnswer a = q.answer();
                a.parsed().warnings().forEach(w -> err.printf(Locale.ROOT, "warning: the %s answer: %s%n", q.step(),
                        w));
                o.printf(Locale.ROOT, "%s: %s%n", q.step().equals("instruction") ? "answer" : q.step() + " answer",
                        a.text());
                o.printf(Locale.ROOT, "  (%d tokens, first after %.0f ms, %.1f tokens/s)%n", a.tokens(),
                        a.firstTokenMs(), a.tokensPerSecond());
            }
            List<SegmentResult> segments = r.analysis().segments();
            if (segments.size() == 1) {
                SegmentResult s = segments.get(0);
                o.printf(Locale.ROOT, "label scores: top %s %.2f%n", s.topLabel(), s.sentimentScores().get(s.topLabel()));
            } else {
                o.printf(Locale.ROOT, "label scores per window:%n");
                for (SegmentResult s : segments) {
                    o.printf(Locale.ROOT, "  %7.2f-%7.2f s  %-17s %.2f%n", s.start(), s.end(), s.topLabel(),
                            s.sentimentScores().get(s.topLabel()));
                }
            }
            if (r.label() != null) {
                o.printf(Locale.ROOT, "label: %s (%s)%n", r.label(), r.source() == FullAnalyzer.LabelSource.ANSWER
                        ? "named by the " + (instruction == null ? "identify " : "") + "answer"
                        : "the identify answer named no known label: the top label score");
            }
            o.printf(Locale.ROOT, "%d segments, %d located sentiments -> %s%n", r.analysis().segments().size(),
                    r.analysis().located().size(), target);
            for (LocatedSentiment l : r.analysis().located()) {
                o.printf(Locale.ROOT, "  %7.2f-%7.2f s  %-10s %.2f  %s%n", l.start(), l.end(), l.label(), l.score(),
                        l.attribution() == null ? "" : l.attribution());
            }
            o.flush();
            return 0;
        }
    }
}
