package org.omnisila.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.report.HtmlReport;
import org.omnisila.engine.report.LocatedCsv;
import org.omnisila.engine.video.VideoCancelledException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code omnisila report}: a result JSON as a self-contained HTML report and/or a CSV of located sentiments. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Export an analysis: a self-contained HTML report (thumbnails of each located sentiment, its",
            "attribution, every segment's routing and causal effects) and/or a CSV of the located sentiments."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RESULT", description = "A result JSON (omnisila analyze --out).")
    Path result;

    @Option(names = "--video", paramLabel = "FILE",
            description = "The analysed video, for thumbnails (default: the path in the result, when it exists).")
    Path video;

    @Option(names = "--html", paramLabel = "FILE", description = "The HTML report to write.")
    Path html;

    @Option(names = "--csv", paramLabel = "FILE", description = "The CSV of located sentiments to write.")
    Path csv;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (html == null && csv == null) {
            err.println("omnisila report: nothing to write: give --html FILE and/or --csv FILE");
            return 2;
        }
        VideoAnalysis analysis = ResultJson.read(result);
        PrintWriter out = spec.commandLine().getOut();
        if (csv != null) {
            LocatedCsv.write(analysis, csv);
            out.printf(Locale.ROOT, "wrote %s (%d located sentiments)%n", csv, analysis.located().size());
        }
        if (html != null) {
            Path source = video != null ? video : Path.of(analysis.video().path());
            if (!Files.isRegularFile(source)) {
                err.printf(Locale.ROOT, "warning: %s not found: the report has no thumbnails (give --video FILE)%n",
                        source);
                source = null;
            }
            try (CtrlC stop = new CtrlC()) {
                PhaseProgress progress = new PhaseProgress(err);
                HtmlReport.write(analysis, source, null, html, f -> progress.progress("thumbnails", f),
                        stop::requested);
            } catch (VideoCancelledException e) {
                err.printf(Locale.ROOT, "%nstopped; nothing written%n");
                return 130;
            }
            out.printf(Locale.ROOT, "wrote %s%n", html);
        }
        out.flush();
        return 0;
    }
}
