package org.omnisila.engine.video;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.bytedeco.javacv.Frame;

/**
 * Decodes a video once, front to back, and hands each segment of a {@link SegmentPlan} with its sampled frames
 * to a {@link FrameSink} as soon as the segment is complete. A two-hour file is never held in memory: only the
 * current segment's frames and the previous frame are (see {@link SamplingResult#peakImagesHeld()}).
 *
 * <p>Damage is gone past, not fatal: frames FFmpeg decodes with errors are not sampled, stretches without
 * usable frames longer than {@link #gapThreshold} are reported as {@link VideoWarning}s, and a segment with a
 * target time farther than half that threshold from any usable frame is skipped. A file that cannot be opened
 * at all, or yields no usable frame, is a {@link VideoFormatException}.
 */
public final class SegmentSampler {

    /** The shortest stretch without a usable frame that counts as a gap, in frame intervals ... */
    static final double GAP_FRAMES = 4;
    /** ... and in seconds; the larger of the two applies. */
    static final double GAP_SECONDS = 0.5;

    private final SegmentPlan plan;

    /** @param plan how to cut and sample the video */
    public SegmentSampler(SegmentPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    /** A sampler with {@link SegmentPlan#DEFAULT} (two-second segments of eight frames). */
    public SegmentSampler() {
        this(SegmentPlan.DEFAULT);
    }

    /**
     * The longest stretch without a usable frame that is not a gap: {@code max(4 / fps, 0.5 s)}. A target time
     * may be at most half of it from the frame sampled for it.
     */
    public static double gapThreshold(VideoMetadata metadata) {
        return Math.max(GAP_FRAMES * metadata.frameInterval(), GAP_SECONDS);
    }

    /** Samples without progress reports or cancellation. */
    public SamplingResult sample(Path file, FrameSink sink) {
        return sample(file, sink, fraction -> { }, () -> false);
    }

    /**
     * Decodes the file once and hands its segments to the sink, in order, on this thread.
     *
     * @param file      the video file
     * @param sink      receives the metadata, then each complete segment
     * @param progress  receives the fraction of the video done, non-decreasing, ending with 1.0
     * @param cancelled checked before each decoded frame; when it says true, sampling stops with a
     *                  {@link VideoCancelledException}
     * @throws VideoFormatException when the file cannot be opened or yields no usable frame
     */
    public SamplingResult sample(Path file, FrameSink sink, DoubleConsumer progress, BooleanSupplier cancelled) {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
        if (cancelled.getAsBoolean()) {
            throw new VideoCancelledException(file, 0, 0);
        }
        try (VideoSource source = VideoSource.open(file)) {
            VideoMetadata m = source.metadata();
            sink.start(m);
            List<Segment> segments = plan.segments(m.duration(), m.fps());
            double gap = gapThreshold(m);
            DamageLog damage = new DamageLog(m.duration(), gap);
            List<Segment> skipped = new ArrayList<>();
            Progress done = new Progress(progress, m.duration());
            int[] delivered = {0};
            NearestFrameSelector selector = new NearestFrameSelector(segments, gap / 2, s -> {
                sink.accept(s);
                delivered[0]++;
                done.reached(s.segment().end());
            }, s -> {
                skipped.add(s);
                done.reached(s.end());
            });
            long decoded = 0;
            long damaged = 0;
            for (Frame f = next(source, cancelled, damage, m); f != null; f = next(source, cancelled, damage, m)) {
                decoded++;
                double t = VideoSource.seconds(f);
                if (VideoSource.damaged(f)) {
                    damaged++;
                    damage.damaged(t);
                    continue;
                }
                damage.usable(t);
                Frame frame = f;
                selector.offer(t, () -> source.image(frame));
            }
            selector.finish();
            if (decoded == damaged) {
                throw new VideoFormatException(file, decoded == 0
                        ? "no video frame could be decoded (the video data is missing or damaged)"
                        : "all " + decoded + " video frames were decoded with errors (the video data is damaged)");
            }
            done.reached(m.duration());
            return new SamplingResult(m, segments.size(), delivered[0], skipped, decoded, damaged,
                    selector.peakImagesHeld(),
                    damage.finish(decoded, m.frameCountDeclared() ? m.frameCount() : 0));
        }
    }

    private static Frame next(VideoSource source, BooleanSupplier cancelled, DamageLog damage, VideoMetadata m) {
        if (cancelled.getAsBoolean()) {
            double reached = damage.lastUsable();
            throw new VideoCancelledException(m.file(), Double.isNaN(reached) ? 0 : reached, m.duration());
        }
        return source.next();
    }

    /** Reports the fraction done, never going back and ending exactly at 1.0. */
    private static final class Progress {
        private final DoubleConsumer listener;
        private final double duration;
        private double last = -1;

        Progress(DoubleConsumer listener, double duration) {
            this.listener = listener;
            this.duration = duration;
        }

        void reached(double seconds) {
            double f = Math.min(1, Math.max(0, seconds / duration));
            if (f > last) {
                last = f;
                listener.accept(f);
            }
        }
    }
}
