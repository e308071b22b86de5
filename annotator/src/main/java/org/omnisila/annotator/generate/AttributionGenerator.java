package org.omnisila.annotator.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.omnisila.annotator.importer.AttributionImporter;
import org.omnisila.annotator.importer.AttributionLine;
import org.omnisila.annotator.importer.Generator;
import org.omnisila.annotator.importer.ImportReport;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Aspects;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemFilter;
import org.omnisila.annotator.project.ItemSource;
import org.omnisila.annotator.project.Video;
import org.omnisila.engine.api.ResultFormatException;
import org.omnisila.engine.models.Sha256;
import org.omnisila.engine.video.FrameReader;
import org.omnisila.engine.video.SampledFrame;
import org.omnisila.engine.video.SamplingResult;
import org.omnisila.engine.video.Segment;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.SegmentSampler;
import org.omnisila.engine.video.VideoFormatException;
import org.omnisila.engine.video.VideoMetadata;
import org.omnisila.engine.video.VideoProbe;

/**
 * Has a vision model attribute the segments of videos and imports its answers into a project, as the paper built
 * its data (section 4.1): for each segment its frames (sampled as the engine samples them, {@link SegmentPlan}) go
 * to the model with {@link AttributionPrompt}, and the answer becomes an {@link AttributionLine} of generator = the
 * model asked, version = the model that answered, imported through {@link AttributionImporter#importLines} exactly
 * as the same line in a file would be.
 *
 * <p>Segments the project already has an attribution of by this model are not asked again, so a run that was
 * cancelled or stopped can simply be started again. A segment whose request or answer fails is reported and
 * skipped; a failure that would fail every segment alike (key refused, wrong URL or model, no server) stops the
 * run, as do {@value #FAILURES_IN_A_ROW} failures in a row. Answers are imported every {@value #IMPORT_EVERY}
 * segments and when the run ends, however it ends: what was paid for is kept.
 */
public final class AttributionGenerator {

    /** Answers held before they are imported. */
    static final int IMPORT_EVERY = 10;
    /** Failed segments in a row that stop the run: something is wrong with every request. */
    static final int FAILURES_IN_A_ROW = 5;

    private final AnnotationProject project;
    private final ChatCompletionsClient client;
    private final AttributionPrompt prompt;
    private final FrameImages images;
    private final SegmentPlan plan;

    /**
     * @param project the open project the attributions go into
     * @param client  asks the model
     * @param prompt  what it is asked, with the allowed labels
     * @param images  how frames are sent
     * @param plan    segment length and frames per segment, as the engine's analysis uses them
     */
    public AttributionGenerator(AnnotationProject project, ChatCompletionsClient client, AttributionPrompt prompt,
                                FrameImages images, SegmentPlan plan) {
        this.project = project;
        this.client = client;
        this.prompt = prompt;
        this.images = images;
        this.plan = plan;
    }

    /** The generator name recorded with each attribution: the model asked. */
    public String generatorName() {
        return client.endpoint().model();
    }

    /**
     * Attributes every segment of a video (the plan's segments, decoded in one pass).
     *
     * @throws VideoFormatException when the file is not a video that can be read
     */
    public GenerationReport segments(Path video, GenerationListener listener, BooleanSupplier cancelled) {
        VideoMetadata metadata = VideoProbe.probe(video);
        int total = plan.segmentCount(metadata.duration(), metadata.fps());
        Run run = new Run(video, total, listener);
        return run.go(() -> {
            List<Segment> planned = plan.segments(metadata.duration(), metadata.fps());
            if (planned.stream().allMatch(s -> run.isDone(s.start(), s.end()))) {
                // Nothing to ask: no need to decode the video.
                for (Segment s : planned) {
                    run.skip(new GenerationSpan(s.start(), s.end(), null), cancelled);
                }
                return;
            }
            SamplingResult sampled = new SegmentSampler(plan).sample(video, segment -> run.segment(
                    new GenerationSpan(segment.segment().start(), segment.segment().end(), null), segment.frames(),
                    cancelled), fraction -> { }, cancelled);
            for (Segment skipped : sampled.skippedSegments()) {
                run.undecodable(new GenerationSpan(skipped.start(), skipped.end(), null));
            }
        });
    }

    /**
     * Attributes given spans of a video, each with the plan's number of frames chosen as in a segment.
     *
     * @throws VideoFormatException when the file is not a video that can be read
     */
    public GenerationReport spans(Path video, List<GenerationSpan> spans, GenerationListener listener,
                                  BooleanSupplier cancelled) {
        List<GenerationSpan> ordered = new ArrayList<>(spans);
        ordered.sort(Comparator.comparingDouble(GenerationSpan::start).thenComparingDouble(GenerationSpan::end));
        Run run = new Run(video, ordered.size(), listener);
        return run.go(() -> {
            try (FrameReader reader = FrameReader.open(video)) {
                double fps = reader.metadata().fps();
                int index = 0;
                for (GenerationSpan span : ordered) {
                    if (!run.skip(span, cancelled)) {
                        Segment segment = plan.span(index, span.start(), span.end(), fps);
                        List<SampledFrame> frames = new ArrayList<>();
                        for (double t : segment.frameTimes()) {
                            frames.add(reader.frameAt(t));
                        }
                        run.segment(span, frames, cancelled);
                    }
                    index++;
                }
            }
        });
    }

    /**
     * Attributes the project's ground-truth segments that have no aspects yet, video by video, each named with its
     * label in the prompt. A video whose file is not where the project says (relink the project first), or cannot
     * be read, is reported for each of its segments and skipped.
     */
    public GenerationReport groundTruthItems(GenerationListener listener, BooleanSupplier cancelled) {
        Map<String, List<GenerationSpan>> byVideo = new LinkedHashMap<>();
        for (Item item : project.items(ItemFilter.all().withSource(ItemSource.GROUND_TRUTH))) {
            if (item.aspects().equals(Aspects.none())) {
                byVideo.computeIfAbsent(item.videoPath(), v -> new ArrayList<>())
                        .add(new GenerationSpan(item.start(), item.end(), item.label()));
            }
        }
        GenerationReport report = GenerationReport.empty();
        for (Map.Entry<String, List<GenerationSpan>> entry : byVideo.entrySet()) {
            Path video = Path.of(entry.getKey());
            if (!Files.isRegularFile(video)) {
                report = report.plus(failAll(video, entry.getValue(), "the video is not at " + entry.getKey()
                        + "; relink the project to the folder that holds it", listener));
                continue;
            }
            try {
                report = report.plus(spans(video, entry.getValue(), listener, cancelled));
            } catch (VideoFormatException e) {
                report = report.plus(failAll(video, entry.getValue(), e.problem(), listener));
            }
            if (!report.completed()) {
                break;
            }
        }
        return report;
    }

    /** Every span of a video reported as failed for one reason, none asked. */
    private static GenerationReport failAll(Path video, List<GenerationSpan> spans, String problem,
                                            GenerationListener listener) {
        List<SegmentFailure> failures = new ArrayList<>();
        for (GenerationSpan span : spans) {
            SegmentFailure failure = new SegmentFailure(video, span.start(), span.end(), problem);
            listener.failed(failure);
            failures.add(failure);
        }
        return new GenerationReport(failures.size(), 0, 0, failures, false, null);
    }

    /** One video's generation: what is done, what is held to import, what failed. */
    private final class Run {
        private final Path video;
        private final String path;
        private final String sha256;
        private final int total;
        private final GenerationListener listener;
        private final Set<String> done;
        private final List<AttributionLine> pending = new ArrayList<>();
        private final List<SegmentFailure> failures = new ArrayList<>();
        private int settled;
        private int added;
        private int alreadyPresent;
        private int failuresInARow;

        Run(Path video, int total, GenerationListener listener) {
            this.video = video;
            this.path = video.toAbsolutePath().normalize().toString();
            this.total = total;
            this.listener = listener;
            try {
                this.sha256 = Sha256.of(video);
            } catch (IOException e) {
                throw new VideoFormatException(video, "the file cannot be read: " + e.getMessage(), e);
            }
            this.done = doneSpans();
        }

        /** Runs the work; cancel and stops end it with what was answered imported. */
        GenerationReport go(Work work) {
            boolean cancelled = false;
            String stopReason = null;
            try {
                work.run();
            } catch (CancellationException e) {
                cancelled = true;
            } catch (Stop e) {
                stopReason = e.getMessage();
            } finally {
                importPending();
            }
            return new GenerationReport(total, added, alreadyPresent, failures, cancelled, stopReason);
        }

        /** Whether the project has this model's attribution of a span. */
        boolean isDone(double start, double end) {
            return done.contains(key(start, end));
        }

        /** Whether a span is done already (then it is counted and skipped); checks for cancel first. */
        boolean skip(GenerationSpan span, BooleanSupplier cancelled) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled");
            }
            if (!isDone(span.start(), span.end())) {
                return false;
            }
            alreadyPresent++;
            settle();
            return true;
        }

        /** Asks for one segment, unless done already, and holds its answer for import. */
        void segment(GenerationSpan span, List<SampledFrame> frames, BooleanSupplier cancelled) {
            if (skip(span, cancelled)) {
                return;
            }
            try {
                Completion completion = client.complete(prompt.system(),
                        prompt.user(span.start(), span.end(), frames.size(), span.knownLabel()),
                        images.dataUris(frames), cancelled);
                AttributionAnswer answer = AttributionAnswer.parse(completion.content(), prompt);
                pending.add(new AttributionLine(path, sha256, span.start(), span.end(), null, answer.aspects(),
                        answer.summary(), answer.sentiment(), new Generator(generatorName(), completion.model())));
                failuresInARow = 0;
            } catch (VlmException e) {
                if (e.fatal()) {
                    throw new Stop(e.getMessage());
                }
                fail(span, e.getMessage());
            } catch (IllegalArgumentException e) {
                fail(span, "the answer cannot be imported: " + e.getMessage());
            }
            if (pending.size() >= IMPORT_EVERY) {
                importPending();
            }
            settle();
        }

        /** A segment whose frames could not be decoded (damaged video): reported, not asked for. */
        void undecodable(GenerationSpan span) {
            record(span, "its frames could not be decoded (damaged video data); not asked");
            settle();
        }

        private void fail(GenerationSpan span, String problem) {
            record(span, problem);
            if (++failuresInARow >= FAILURES_IN_A_ROW) {
                settle();
                throw new Stop(FAILURES_IN_A_ROW + " segments in a row failed, the last one with: " + problem);
            }
        }

        private void record(GenerationSpan span, String problem) {
            SegmentFailure failure = new SegmentFailure(video, span.start(), span.end(), problem);
            failures.add(failure);
            listener.failed(failure);
        }

        private void settle() {
            listener.progress(video, ++settled, total);
        }

        private void importPending() {
            if (pending.isEmpty()) {
                return;
            }
            ImportReport report = AttributionImporter.importLines(project, video.toAbsolutePath(), pending);
            added += report.added();
            alreadyPresent += report.alreadyPresent();
            for (ResultFormatException problem : report.problems()) {
                AttributionLine line = pending.get(problem.line() - 1);
                record(new GenerationSpan(line.start(), line.end(), null), "the answer cannot be imported: "
                        + problem.problem());
            }
            pending.clear();
        }

        /** The spans of this video the project has an attribution of by this model (any version) for. */
        private Set<String> doneSpans() {
            Set<String> spans = new HashSet<>();
            for (Video v : project.videos()) {
                if (sha256.equals(v.sha256()) || v.sha256() == null && path.equals(v.path())) {
                    for (Item item : project.items(ItemFilter.all().withVideo(v.id())
                            .withSource(ItemSource.ATTRIBUTION))) {
                        if (item.generator().equals(generatorName())) {
                            spans.add(key(item.start(), item.end()));
                        }
                    }
                }
            }
            return spans;
        }

        private static String key(double start, double end) {
            return start + "|" + end;
        }
    }

    /** The work of a run, which may throw {@link Stop} or be cancelled. */
    @FunctionalInterface
    private interface Work {
        void run();
    }

    /** Ends a run early, with why. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop(String reason) {
            super(reason, null, false, false);
        }
    }
}
