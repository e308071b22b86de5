package org.omnisila.engine.llm.tuning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;
import org.omnisila.engine.video.FrameReader;
import org.omnisila.engine.video.ImageFiles;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SampledFrame;
import org.omnisila.engine.video.Segment;
import org.omnisila.engine.video.SegmentFrames;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.SegmentSampler;
import org.omnisila.engine.video.VideoCancelledException;
import org.omnisila.engine.video.VideoFormatException;
import org.omnisila.engine.video.VideoMetadata;
import org.omnisila.engine.video.VideoProbe;

/**
 * The eight frames of a video as Video-LLaVA takes them, with their times.
 *
 * <p>Video-LLaVA's {@code load_and_transform_video} (videollava/model/multimodal_encoder/languagebind/video/
 * processing_video.py, decord backend) reads {@code duration = len(VideoReader(path))} frames and takes
 * {@code np.linspace(0, duration - 1, num_frames, dtype=int)}: frame k (k = 0..7) is frame floor(k (n - 1) / 7) of
 * the n frames of the file (its lmdb backend does the same over a folder of frames). Here the n frames are the slots
 * of the file's frame grid j / fps ({@link SegmentPlan#span}: n = ceil(end fps) - ceil(start fps)), and the decoded
 * frame nearest slot k's time is taken; for a constant-rate file starting at 0 that is frame index slot k, as decord
 * counts it (tested with frames that carry their index).
 *
 * <p>Two ways to decode ({@link Decoding}): one pass front to back ({@link SegmentSampler} with a single segment, as
 * analysis decodes), or eight seeks ({@link FrameReader#frameAt}, frame-accurate). A window of a longer video is
 * always read by seeking (the reader decodes forward instead where the next frame is less than a second on).
 * Damaged or unreadable files end in the engine's {@link VideoFormatException}, naming the file.
 *
 * @param images the frames, upright RGB, in time order (8, or what {@link #FRAMES} says)
 * @param times  their timestamps, seconds of the media; NaN where unknown (a folder of images without a window)
 */
public record VideoFrames8(List<RgbImage> images, double[] times) {
    /** Frames per video (Video-LLaVA's and LanguageBind's {@code num_frames}). */
    public static final int FRAMES = 8;

    /** How a video file is decoded. */
    public enum Decoding {
        /** Front to back once, every frame decoded: cost grows with the video's length. */
        ONE_PASS,
        /** Eight seeks, each decoding from the keyframe before its frame: cost grows with the keyframe interval. */
        SEEK
    }

    /** Copies and checks. */
    public VideoFrames8 {
        images = List.copyOf(images);
        times = times.clone();
        if (images.size() != times.length) {
            throw new IllegalArgumentException(images.size() + " images but " + times.length + " times");
        }
    }

    @Override
    public double[] times() {
        return times.clone();
    }

    /**
     * numpy's {@code np.linspace(0, n - 1, frames, dtype=int)}: index k is floor(k (n - 1) / (frames - 1)).
     *
     * @param n      frames available, &gt;= 1
     * @param frames frames wanted, &gt;= 1
     * @return the indices, non-decreasing (repeated when n &lt; frames)
     */
    public static int[] indices(long n, int frames) {
        if (n < 1 || frames < 1) {
            throw new IllegalArgumentException("need n >= 1 and frames >= 1 but got " + n + ", " + frames);
        }
        int[] out = new int[frames];
        for (int k = 0; k < frames; k++) {
            out[k] = frames == 1 ? 0 : (int) Math.floorDiv(k * (n - 1), frames - 1);
        }
        return out;
    }

    /**
     * The whole video by seeking (the faster way: 23 ms against 318 ms for a 60 s 320x240 H.264 file with a
     * keyframe every 12 frames, 146 ms against 305 ms with one every 250; docs/full-model.md), no progress or
     * cancellation.
     */
    public static VideoFrames8 sample(Path video) {
        return sample(video, Decoding.SEEK, f -> { }, () -> false);
    }

    /**
     * The whole video.
     *
     * @param video     the file
     * @param decoding  one pass or seeks
     * @param progress  receives the fraction done, ending with 1.0
     * @param cancelled polled per decoded frame; true stops with a {@link VideoCancelledException}
     * @throws VideoFormatException when the file cannot be read or a target frame cannot be decoded
     */
    public static VideoFrames8 sample(Path video, Decoding decoding, DoubleConsumer progress,
                                      BooleanSupplier cancelled) {
        Objects.requireNonNull(decoding, "decoding");
        if (decoding == Decoding.SEEK) {
            return sample(video, 0, Double.POSITIVE_INFINITY, progress, cancelled);
        }
        VideoMetadata m = VideoProbe.probe(video);
        SegmentPlan plan = new SegmentPlan(m.duration() + 1, FRAMES); // one segment: the whole video
        List<SegmentFrames> got = new ArrayList<>(1);
        new SegmentSampler(plan).sample(video, got::add, progress, cancelled);
        if (got.isEmpty()) {
            throw new VideoFormatException(video, "the frames to sample could not all be decoded (the video data "
                    + "is damaged near " + describe(plan.segments(m.duration(), m.fps()).get(0)) + ")");
        }
        return of(got.get(0).frames());
    }

    /**
     * A window of a video, read by seeking (Video-LLaVA's frame choice over the window's frames).
     *
     * @param video     the file
     * @param start     window start, seconds; &gt;= 0
     * @param end       window end, seconds; clamped to the video's duration (infinite for the whole video)
     * @param progress  receives the fraction done, (k + 1) / 8 after frame k
     * @param cancelled polled before each frame
     * @throws VideoFormatException when the file cannot be read
     */
    public static VideoFrames8 sample(Path video, double start, double end, DoubleConsumer progress,
                                      BooleanSupplier cancelled) {
        if (!(start >= 0) || !(end > start)) {
            throw new IllegalArgumentException("window [" + start + ", " + end + "] needs 0 <= start < end");
        }
        if (cancelled.getAsBoolean()) {
            throw new VideoCancelledException(video, 0, 0);
        }
        try (FrameReader reader = FrameReader.open(video)) {
            VideoMetadata m = reader.metadata();
            double to = Math.min(end, m.duration());
            if (start >= to) {
                throw new IllegalArgumentException("window [" + start + ", " + end + "] starts after the end of "
                        + video + " (" + m.duration() + " s)");
            }
            Segment segment = new SegmentPlan(to - start + 1, FRAMES).span(0, start, to, m.fps());
            List<SampledFrame> frames = new ArrayList<>(FRAMES);
            for (int k = 0; k < FRAMES; k++) {
                if (cancelled.getAsBoolean()) {
                    throw new VideoCancelledException(video, k == 0 ? start : frames.get(k - 1).time(),
                            m.duration());
                }
                frames.add(reader.frameAt(segment.frameTime(k)));
                progress.accept((k + 1) / (double) FRAMES);
            }
            return of(frames);
        }
    }

    /**
     * Frames exported as images (an export's {@code --media frames} folder, or its {@code frames} list): all of
     * them when there are 8, else {@link #indices} of them, as Video-LLaVA's lmdb backend picks from a folder.
     *
     * @param files the images in time order (PNG or JPEG)
     * @throws VideoFormatException naming an image that is missing or cannot be read
     */
    public static VideoFrames8 fromImages(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no frame images");
        }
        int[] pick = indices(files.size(), FRAMES);
        List<RgbImage> images = new ArrayList<>(FRAMES);
        double[] times = new double[FRAMES];
        for (int k = 0; k < FRAMES; k++) {
            images.add(ImageFiles.read(files.get(pick[k])));
            times[k] = Double.NaN;
        }
        return new VideoFrames8(images, times);
    }

    /**
     * @param folder a folder of frame images named by their number (0.jpg ... 7.jpg), in number order
     * @throws VideoFormatException when the folder is missing or holds no image
     */
    public static VideoFrames8 fromFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new VideoFormatException(folder, "frames folder not found");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().matches("\\d+\\.(?i:jpe?g|png)"))
                    .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString()
                            .replaceFirst("\\..*", ""))))
                    .toList();
        } catch (IOException e) {
            throw new VideoFormatException(folder, "cannot list the frames folder: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new VideoFormatException(folder, "the frames folder holds no image named 0.jpg, 1.jpg, ... "
                    + "or 0.png, 1.png, ...");
        }
        return fromImages(files);
    }

    /** @return the frames as sampled frames (target time = the frame's time; 0 where unknown) */
    public List<SampledFrame> sampledFrames() {
        List<SampledFrame> out = new ArrayList<>(images.size());
        for (int k = 0; k < images.size(); k++) {
            double t = Double.isNaN(times[k]) ? k : times[k];
            out.add(new SampledFrame(t, t, images.get(k)));
        }
        return out;
    }

    /** @return the frames as one segment, for the scene extractors */
    public SegmentFrames segment() {
        List<SampledFrame> frames = sampledFrames();
        double[] t = frames.stream().mapToDouble(SampledFrame::time).toArray();
        return new SegmentFrames(new Segment(0, t[0], t[t.length - 1], t), frames);
    }

    private static VideoFrames8 of(List<SampledFrame> frames) {
        return new VideoFrames8(frames.stream().map(SampledFrame::image).toList(),
                frames.stream().mapToDouble(SampledFrame::time).toArray());
    }

    private static String describe(Segment s) {
        return java.util.Arrays.toString(s.frameTimes()) + " s";
    }

}
