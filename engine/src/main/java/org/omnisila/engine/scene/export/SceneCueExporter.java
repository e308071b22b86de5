package org.omnisila.engine.scene.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.omnisila.engine.analysis.AnalysisListener;
import org.omnisila.engine.api.VideoInfo;
import org.omnisila.engine.scene.SceneExtractors;
import org.omnisila.engine.video.SamplingResult;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.SegmentSampler;
import org.omnisila.engine.video.VideoCancelledException;
import org.omnisila.engine.video.VideoProbe;
import org.omnisila.engine.video.VideoWarning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One video's scene cues into a directory: decode once, record what the extractors see on every sampled frame
 * ({@link SceneCueRecorder}), then {@code cues.json} and {@code masks/*.png}.
 *
 * <p>Nothing is left half written: the masks go to a hidden staging directory inside the output directory, and
 * only when the whole video is done are they moved into {@code masks/} and {@code cues.json} written (atomically,
 * last). A failure or a cancellation removes the staging directory and leaves the output directory as it was.
 */
public final class SceneCueExporter {

    private static final Logger LOG = LoggerFactory.getLogger(SceneCueExporter.class);

    /** The cue file's name in the output directory. */
    public static final String CUES = "cues.json";
    /** The masks' directory in the output directory. */
    public static final String MASKS = "masks";

    private final SceneExtractors.Bundle extractors;
    private final SegmentPlan plan;
    private final boolean masks;

    /**
     * What an export wrote.
     *
     * @param cues     the cues written
     * @param file     {@code cues.json}
     * @param warnings what decoding went past
     */
    public record Outcome(SceneCueFile cues, Path file, List<VideoWarning> warnings) {
    }

    /**
     * @param extractors the four extractors (not closed here)
     * @param plan       segment length and frames per segment
     * @param masks      whether to write the person masks
     */
    public SceneCueExporter(SceneExtractors.Bundle extractors, SegmentPlan plan, boolean masks) {
        this.extractors = extractors;
        this.plan = plan;
        this.masks = masks;
    }

    /**
     * @param video     the video file
     * @param dir       the output directory, created when missing
     * @param listener  progress
     * @param cancelled checked before each decoded frame and before writing
     * @throws org.omnisila.engine.video.VideoFormatException when the file cannot be read as a video (before
     *     anything is written)
     * @throws VideoCancelledException when {@code cancelled} turned true; nothing was written
     * @throws IOException when the output cannot be written; {@code cues.json} is then as it was
     */
    public Outcome export(Path video, Path dir, AnalysisListener listener, BooleanSupplier cancelled)
            throws IOException {
        VideoInfo info = VideoProbe.info(video);
        Files.createDirectories(dir);
        Path staging = Files.createTempDirectory(dir, ".scenes-");
        try {
            SceneCueRecorder recorder = new SceneCueRecorder(extractors, masks ? MaskPng.into(staging) : null);
            SamplingResult sampling = new SegmentSampler(plan).sample(video, recorder,
                    f -> listener.progress("decoding and scene extraction", 0.99 * f), cancelled);
            if (cancelled.getAsBoolean()) {
                throw new VideoCancelledException(video, info.duration(), info.duration());
            }
            listener.progress("writing", 0.99);
            SceneCueFile cues = new SceneCueFile(SceneCueFile.SCHEMA_VERSION, info, plan,
                    extractors.face().detector().name(), recorder.segments(),
                    sampling.warnings().stream().map(VideoWarning::message).toList());
            if (masks) {
                moveMasks(staging, Files.createDirectories(dir.resolve(MASKS)));
            }
            Path file = dir.resolve(CUES);
            SceneCueJson.write(cues, file);
            listener.progress("done", 1.0);
            return new Outcome(cues, file, sampling.warnings());
        } finally {
            delete(staging);
        }
    }

    private static void moveMasks(Path staging, Path target) throws IOException {
        try (Stream<Path> files = Files.list(staging)) {
            for (Path f : files.sorted().toList()) {
                Files.move(f, target.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Best effort: a staging directory left behind is hidden, and never read. */
    private static void delete(Path tree) {
        try (Stream<Path> all = Files.walk(tree)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not remove the staging directory {}: {}", tree, e.toString());
        }
    }
}
