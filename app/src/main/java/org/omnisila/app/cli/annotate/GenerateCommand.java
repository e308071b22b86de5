package org.omnisila.app.cli.annotate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.omnisila.annotator.generate.ApiKeys;
import org.omnisila.annotator.generate.AttributionGenerator;
import org.omnisila.annotator.generate.AttributionPrompt;
import org.omnisila.annotator.generate.ChatCompletionsClient;
import org.omnisila.annotator.generate.FrameImages;
import org.omnisila.annotator.generate.GenerationListener;
import org.omnisila.annotator.generate.GenerationReport;
import org.omnisila.annotator.generate.RetryPolicy;
import org.omnisila.annotator.generate.SegmentFailure;
import org.omnisila.annotator.generate.Sleeper;
import org.omnisila.annotator.generate.VlmEndpoint;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.app.cli.CtrlC;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.VideoFormatException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code omnisila annotate generate}: a vision model attributes video segments (the paper's GPT-4V step) and the
 * answers are imported as machine attributions; see {@link AttributionGenerator}. Progress on one line, each failed
 * segment on its own, a summary at the end; Ctrl-C stops at once (abandoning a request in flight) and keeps what was
 * answered before.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Have a vision model (an OpenAI-compatible chat-completions endpoint with image input)"
            + " describe video segments from the four scene aspects, and import the answers as machine attributions."
            + " Segments the project already has from this model are not asked again.",
            "The API key comes from $OMNISILA_VLM_API_KEY (or --api-key-env), else the OS keyring (service"
            + " omnisila-vlm, account = the URL's host). The frames are sent to the URL: use a local server for"
            + " footage that must not leave the machine."})
final class GenerateCommand implements Callable<Integer> {

    /** What to describe: every segment of some videos, or the project's ground truth. */
    static final class Source {
        @Option(names = "--video", arity = "1..*", paramLabel = "VIDEO", required = true,
                description = "Describe every segment of these videos.")
        List<Path> videos;

        @Option(names = "--ground-truth-items", required = true,
                description = "Describe the project's ground-truth segments that have no aspects yet.")
        boolean groundTruth;
    }

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project file.")
    Path project;

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "The API's base URL, e.g. https://api.openai.com/v1 or http://localhost:8000/v1.")
    String url;

    @Option(names = "--model", required = true, paramLabel = "NAME",
            description = "The model, e.g. gpt-4o; recorded as the attributions' generator.")
    String model;

    @Option(names = "--api-key-env", defaultValue = VlmEndpoint.DEFAULT_KEY_VARIABLE, paramLabel = "VAR",
            description = "The environment variable holding the API key (default: ${DEFAULT-VALUE}).")
    String keyVariable;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--segment", paramLabel = "SECONDS",
            description = "Segment length with --video (default: 2.0, as the analysis); 8 frames per segment.")
    Double segment;

    @Option(names = "--labels", defaultValue = "all", paramLabel = "all|explicit|implicit",
            description = "The sentiment labels the model may answer (default: ${DEFAULT-VALUE}).")
    String labels;

    @Option(names = "--max-side", defaultValue = "" + FrameImages.DEFAULT_MAX_SIDE, paramLabel = "PIXELS",
            description = "Frames are scaled down to this longest side (default: ${DEFAULT-VALUE}).")
    int maxSide;

    @Option(names = "--max-tokens", defaultValue = "" + VlmEndpoint.DEFAULT_MAX_TOKENS, paramLabel = "N",
            description = "The longest answer, in tokens (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "How long one request may take (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Option(names = "--annotator", paramLabel = "NAME",
            description = "Who runs it (default: $OMNISILA_ANNOTATOR, else your user name).")
    String annotator;

    @ParentCommand
    AnnotateCommand parent;

    @Spec
    CommandSpec spec;

    /** The retry policy and the wait between tries; tests replace them so as not to wait. */
    RetryPolicy retry = RetryPolicy.DEFAULT;
    Sleeper sleeper = Sleeper.REAL;

    @Override
    public Integer call() {
        if (segment != null && source.groundTruth) {
            throw new ParameterException(spec.commandLine(), "--segment goes with --video: ground-truth items keep"
                    + " their own spans");
        }
        if (!(timeout > 0) || !Double.isFinite(timeout)) {
            throw new ParameterException(spec.commandLine(), "--timeout must be a number of seconds > 0");
        }
        VlmEndpoint endpoint = new VlmEndpoint(VlmEndpoint.parse(url), model, maxTokens,
                Duration.ofMillis(Math.round(timeout * 1000)), keyVariable);
        AttributionPrompt prompt = prompt();
        SegmentPlan plan = new SegmentPlan(segment == null ? SegmentPlan.DEFAULT.segmentLength() : segment,
                SegmentPlan.DEFAULT.framesPerSegment());
        FrameImages images = new FrameImages(maxSide);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ChatCompletionsClient client = new ChatCompletionsClient(endpoint,
                new ApiKeys(parent.environment(), parent.keyring()), retry, sleeper);
        err.println("asking " + model + " at " + endpoint.chatCompletions() + " ("
                + client.keySource().map(where -> "API key from " + where).orElse("no API key found; none sent")
                + ")");
        GenerationReport report = GenerationReport.empty();
        int unreadable = 0;
        // Ctrl-C lets the JVM end once CtrlC is closed: it is closed last, after the project and the summary.
        try (CtrlC stop = new CtrlC();
             AnnotationProject open = AnnotationProject.open(project, parent.annotator(annotator))) {
            AttributionGenerator generator = new AttributionGenerator(open, client, prompt, images, plan);
            Listener listener = new Listener(err);
            if (source.groundTruth) {
                report = generator.groundTruthItems(listener, stop::requested);
            } else {
                for (Path video : source.videos) {
                    try {
                        report = report.plus(generator.segments(video, listener, stop::requested));
                    } catch (VideoFormatException e) {
                        listener.line.done();
                        err.println("not a video that can be read, skipped: " + e.getMessage());
                        unreadable++;
                    }
                    if (!report.completed()) {
                        break;
                    }
                }
            }
            listener.line.done();
            out.println(report.summary());
            out.flush();
            err.flush();
        }
        return report.cancelled() ? ImportCommand.CANCELLED : report.stopReason() != null || unreadable > 0 ? 1 : 0;
    }

    private AttributionPrompt prompt() {
        return switch (labels.toLowerCase(Locale.ROOT)) {
            case "all" -> AttributionPrompt.ALL_LABELS;
            case "explicit" -> AttributionPrompt.EXPLICIT;
            case "implicit" -> AttributionPrompt.IMPLICIT;
            default -> throw new ParameterException(spec.commandLine(), "--labels must be all, explicit or implicit,"
                    + " not \"" + labels + "\"");
        };
    }

    /** Progress on one line; each failure on a line of its own. */
    private static final class Listener implements GenerationListener {
        private final PrintWriter err;
        private final ConsoleLine line;

        Listener(PrintWriter err) {
            this.err = err;
            this.line = new ConsoleLine(err);
        }

        @Override
        public void progress(Path video, int done, int total) {
            line.show(String.format(Locale.ROOT, "%s: %d/%d segments", video.getFileName(), done, total),
                    done == total);
        }

        @Override
        public void failed(SegmentFailure failure) {
            line.done();
            err.println("failed: " + failure.message());
            err.flush();
        }
    }
}
