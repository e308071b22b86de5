package org.omnisila.engine.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.omnisila.engine.analysis.AnalysisListener;
import org.omnisila.engine.analysis.CheckpointModels;
import org.omnisila.engine.analysis.VideoAnalyzer;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.icm.DeviceChoice;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.ObjectPass;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.scene.SceneExtractors;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SampledFrame;
import org.omnisila.engine.video.SamplingResult;
import org.omnisila.engine.video.SegmentFrames;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.SegmentSampler;
import org.omnisila.engine.video.VideoMetadata;
import org.omnisila.engine.video.VideoProbe;

/**
 * The analysis of one real video, step by step (docs/model.md, "A whole analysis, step by step"):
 *
 * <ol>
 *   <li>decoding every frame to RGB, nothing else (median of {@code runs} passes after one warm-up);</li>
 *   <li>segment sampling (the plan's segments and frames, one decoding pass), the same way;</li>
 *   <li>one sampling pass that times, per segment, the shared CenterNet pass over its frames and then each of the
 *       four extractors (face, action, object, background; the last three find CenterNet's results remembered,
 *       so their times are their own work), after one warm-up segment;</li>
 *   <li>the whole analysis as {@link VideoAnalyzer} does it (probe and hash, decode, the four extractors, the ICM
 *       with interventions and cue relevance), once: with the checkpoint given, else with an untrained small ICM
 *       of the extractors' widths ({@link CheckpointModels#untrained}), which costs what a trained one does.</li>
 * </ol>
 *
 * "x real time" is the video's duration over the step's time: above 1, the step keeps up with playback.
 */
public final class AnalysisBenchmark {

    /** Rows of the table in {@link #format}: the four extractors, in scene order. */
    private static final String[] EXTRACTORS = {
        "face extractor (BlazeFace + expression)",
        "action extractor (pose; CenterNet excluded)",
        "object extractor (relations; CenterNet excluded)",
        "background extractor (selfie mask + pooling)",
    };

    /**
     * @param plan  segments and sampled frames, as the analysis uses them
     * @param runs  timed passes of the decoding and sampling steps; &gt;= 1
     * @param model a checkpoint directory, or null for an untrained small ICM
     */
    public record Settings(SegmentPlan plan, int runs, Path model) {
        public Settings {
            if (runs < 1) {
                throw new IllegalArgumentException("runs >= 1 is needed, got " + runs);
            }
        }
    }

    /** One row: a step, the frames it handled and the seconds it took. */
    public record Step(String name, long frames, double seconds) {
    }

    /**
     * @param title  the video, the device and the plan
     * @param video  the video's metadata
     * @param steps  decoding, sampling, CenterNet, the four extractors, the whole analysis, in that order
     * @param notes  lines below the table
     */
    public record Report(String title, VideoMetadata video, List<Step> steps, List<String> notes) {

        /** @return the table, one row per step: frames, seconds, ms per frame, frames per second, x real time */
        public String format() {
            StringBuilder b = new StringBuilder(title).append('\n');
            int w = steps.stream().mapToInt(s -> s.name().length()).max().orElse(4);
            b.append(String.format(Locale.ROOT, "  %-" + w + "s %7s %9s %9s %9s %12s%n", "step", "frames", "seconds",
                    "ms/frame", "frames/s", "x real time"));
            for (Step s : steps) {
                b.append(String.format(Locale.ROOT, "  %-" + w + "s %7d %9.3f %9.2f %9.1f %12.2f%n", s.name(),
                        s.frames(), s.seconds(), 1000 * s.seconds() / s.frames(), s.frames() / s.seconds(),
                        video.duration() / s.seconds()));
            }
            notes.forEach(n -> b.append("  ").append(n).append('\n'));
            return b.toString();
        }
    }

    /** Names of rows of the table (the sampling row adds its segments and frames). */
    public static final String DECODE = "decode every frame to RGB";
    public static final String SAMPLE = "segment sampling";
    public static final String CENTERNET = "CenterNet shared pass (objects, persons, features)";
    public static final String ANALYSIS = "whole analysis (decode -> 4 extractors -> ICM)";

    private AnalysisBenchmark() {
    }

    /**
     * @param video  the file
     * @param device where the DJL models run
     * @param s      plan, runs and model
     */
    public static Report run(Path video, Device device, Settings s) {
        VideoMetadata m = VideoProbe.probe(video);
        List<Step> steps = new ArrayList<>();
        SegmentSampler decodeOnly = DecodeBenchmark.decodeOnly(m);
        long[] decoded = {0};
        double decodeMs = BenchTable.median(BenchTable.time(s.runs(), () -> {
            SamplingResult r = decodeOnly.sample(video, seg -> { });
            decoded[0] = r.framesDecoded();
            return r;
        }));
        steps.add(new Step(DECODE, decoded[0], decodeMs / 1000));
        SegmentSampler sampler = new SegmentSampler(s.plan());
        int[] segments = {0};
        double sampleMs = BenchTable.median(BenchTable.time(s.runs(), () -> {
            segments[0] = 0;
            return sampler.sample(video, seg -> segments[0]++);
        }));
        steps.add(new Step(String.format(Locale.ROOT, "%s (%d segments x %d frames)", SAMPLE, segments[0],
                s.plan().framesPerSegment()), decoded[0], sampleMs / 1000));

        ModelFiles files = new ModelFiles();
        String modelName;
        double analysisSeconds;
        long sampled;
        double[] extractorSeconds = new double[1 + EXTRACTORS.length];
        try (NDManager manager = NDManager.newBaseManager(device, "PyTorch");
                ObjectPass pass = ObjectPass.open(device, files)) {
            List<SceneExtractor> extractors = SceneExtractors.open(pass, device, files);
            try {
                sampled = timeExtractors(video, sampler, pass, extractors, extractorSeconds);
                List<Integer> widths = extractors.stream().map(SceneExtractor::width).toList();
                IcmModel model;
                if (s.model() == null) {
                    model = CheckpointModels.untrained(widths, SentimentLabels.EXPLICIT, manager, 1);
                    modelName = "untrained small ICM (random weights)";
                } else {
                    model = CheckpointModels.load(s.model(), manager).model();
                    modelName = "ICM " + model.config().name() + " from " + s.model();
                }
                VideoAnalyzer analyzer = new VideoAnalyzer(model, new ModelInfo("ICM", model.config().name(), null,
                        DeviceChoice.describe(device)), extractors, s.plan(), 3, null, manager); // no scene cache: time the extraction
                long t0 = System.nanoTime();
                analyzer.analyze(video, AnalysisListener.SILENT, () -> false);
                analysisSeconds = (System.nanoTime() - t0) / 1e9;
            } finally {
                extractors.forEach(SceneExtractor::close);
            }
        }
        steps.add(new Step(CENTERNET, sampled, extractorSeconds[0]));
        for (int j = 0; j < EXTRACTORS.length; j++) {
            steps.add(new Step(EXTRACTORS[j], sampled, extractorSeconds[j + 1]));
        }
        steps.add(new Step(ANALYSIS, decoded[0], analysisSeconds));

        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "sampling runs at %.0f%% of decode-only speed", 100 * decodeMs / sampleMs));
        double perFrame = 0;
        for (double e : extractorSeconds) {
            perFrame += e;
        }
        notes.add(String.format(Locale.ROOT, "extractors: %.0f ms per sampled frame in all (%d sampled frames, "
                + "%.1f per second of video); CenterNet's share %.0f%%", 1000 * perFrame / sampled, sampled,
                sampled / m.duration(), 100 * extractorSeconds[0] / perFrame));
        notes.add(String.format(Locale.ROOT, "whole analysis: %.2fx real time (%.2f s for %.2f s of video), %s",
                m.duration() / analysisSeconds, analysisSeconds, m.duration(), modelName));
        notes.add("decoding and sampling: median of " + s.runs() + " passes after one warm-up; extractors: one pass "
                + "after one warm-up segment; whole analysis: one run, after the extractors' warm-up");
        String title = String.format(Locale.ROOT, "Analysis of %s: %dx%d %s, %.3f fps, %.2f s; %s, %d cores; "
                        + "%.1f-s segments x %d frames", m.file().getFileName(), m.width(), m.height(), m.codec(),
                m.fps(), m.duration(), DeviceChoice.describe(device), Runtime.getRuntime().availableProcessors(),
                s.plan().segmentLength(), s.plan().framesPerSegment());
        return new Report(title, m, steps, notes);
    }

    /**
     * One sampling pass; per segment the CenterNet pass over its frames, then each extractor, timed apart.
     *
     * @param seconds receives CenterNet's total, then each extractor's
     * @return the frames timed
     */
    private static long timeExtractors(Path video, SegmentSampler sampler, ObjectPass pass,
                                       List<SceneExtractor> extractors, double[] seconds) {
        long[] frames = {0};
        boolean[] warm = {false};
        sampler.sample(video, segment -> {
            if (!warm[0]) {
                extract(fresh(segment), pass, extractors, new double[seconds.length]);
                warm[0] = true;
            }
            extract(segment, pass, extractors, seconds);
            frames[0] += segment.frames().size();
        });
        return frames[0];
    }

    private static void extract(SegmentFrames segment, ObjectPass pass, List<SceneExtractor> extractors,
                                double[] seconds) {
        long t0 = System.nanoTime();
        for (SampledFrame f : segment.frames()) {
            pass.analyse(f.image());
        }
        seconds[0] += (System.nanoTime() - t0) / 1e9;
        for (int j = 0; j < extractors.size(); j++) {
            long t = System.nanoTime();
            extractors.get(j).extract(segment);
            seconds[j + 1] += (System.nanoTime() - t) / 1e9;
        }
    }

    /** The segment with new image objects, which the CenterNet pass has not seen (it remembers by identity). */
    private static SegmentFrames fresh(SegmentFrames segment) {
        List<SampledFrame> frames = new ArrayList<>();
        for (SampledFrame f : segment.frames()) {
            RgbImage i = f.image();
            frames.add(new SampledFrame(f.targetTime(), f.time(), new RgbImage(i.width(), i.height(), i.rgb())));
        }
        return new SegmentFrames(segment.segment(), frames);
    }
}
