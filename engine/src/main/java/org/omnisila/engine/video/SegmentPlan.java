package org.omnisila.engine.video;

import java.util.ArrayList;
import java.util.List;

/**
 * How a video is cut into segments and which frames of each are sampled (docs/formats.md, "Video input").
 *
 * <p>A video of duration D at frame rate f (frame interval 1/f) becomes
 * {@code N = max(1, ceil((D - 1/f) / L))} segments of length L: segment i spans {@code [i L, (i+1) L)}, and
 * the last one ends at D. The last segment is therefore between one frame interval and L + one frame
 * interval long: a remainder of at most one frame is joined to it rather than made a segment of its own.
 *
 * <p>The frames of a segment are chosen as Video-LLaVA chooses them from a clip,
 * {@code np.linspace(0, n - 1, F, dtype=int)} over the clip's n frames, here over the frame slots of the
 * nominal grid {@code j / f}: with {@code a = ceil(start f)} the first slot at or after the start and
 * {@code b = ceil(end f)} the first at or after the end, {@code n = max(1, b - a)} and target k
 * (k = 0..F-1) is slot {@code a + floor(k (n - 1) / (F - 1))}, at time {@code slot / f}. The decoded frame
 * whose timestamp is nearest each target time is the one sampled.
 *
 * @param segmentLength     L, seconds; finite, &gt; 0 (default 2.0)
 * @param framesPerSegment  F; &gt;= 1 (default 8, as Video-LLaVA)
 */
public record SegmentPlan(double segmentLength, int framesPerSegment) {

    /** Two-second segments of eight frames. */
    public static final SegmentPlan DEFAULT = new SegmentPlan(2.0, 8);

    /** Slack for products like {@code 2.0 * 29.97} that should be whole numbers of frames. */
    private static final double EPS = 1e-6;

    /** Validates both fields. */
    public SegmentPlan {
        if (!(segmentLength > 0) || !Double.isFinite(segmentLength)) {
            throw new IllegalArgumentException("segment length must be a finite number of seconds > 0 but was "
                    + segmentLength);
        }
        if (framesPerSegment < 1) {
            throw new IllegalArgumentException("frames per segment must be >= 1 but was " + framesPerSegment);
        }
    }

    /** Number of segments for a video of this duration and frame rate. */
    public int segmentCount(double duration, double fps) {
        check(duration, fps);
        long n = (long) Math.ceil((duration - 1 / fps) / segmentLength - EPS);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a video of " + duration + " s makes too many segments of "
                    + segmentLength + " s");
        }
        return (int) Math.max(1, n);
    }

    /**
     * The segments of a video, in order.
     *
     * @param duration length of the video, seconds; &gt; 0
     * @param fps      frame rate used for the frame grid; &gt; 0
     */
    public List<Segment> segments(double duration, double fps) {
        int n = segmentCount(duration, fps);
        List<Segment> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double start = i * segmentLength;
            double end = i == n - 1 ? duration : (i + 1) * segmentLength;
            out.add(new Segment(i, start, end, frameTimes(start, end, fps)));
        }
        return out;
    }

    /**
     * One span of a video sampled as a segment of this plan is: the same frame grid and choice of frames, for a
     * span that need not fall on the plan's boundaries (a ground-truth segment, an item under review).
     *
     * @param index    the position given to the segment
     * @param start    span start, seconds; &gt;= 0
     * @param end      span end, seconds; &gt;= start
     * @param fps      frame rate used for the frame grid; &gt; 0
     */
    public Segment span(int index, double start, double end, double fps) {
        if (!(fps > 0) || !Double.isFinite(fps)) {
            throw new IllegalArgumentException("fps must be a finite number > 0 but was " + fps);
        }
        return new Segment(index, start, end, frameTimes(start, end, fps));
    }

    private double[] frameTimes(double start, double end, double fps) {
        long a = (long) Math.ceil(start * fps - EPS);
        long b = (long) Math.ceil(end * fps - EPS);
        long n = Math.max(1, b - a);
        double[] t = new double[framesPerSegment];
        for (int k = 0; k < framesPerSegment; k++) {
            long slot = framesPerSegment == 1 ? a : a + Math.floorDiv(k * (n - 1), framesPerSegment - 1);
            t[k] = slot / fps;
        }
        return t;
    }

    private static void check(double duration, double fps) {
        if (!(duration > 0) || !Double.isFinite(duration)) {
            throw new IllegalArgumentException("duration must be a finite number > 0 but was " + duration);
        }
        if (!(fps > 0) || !Double.isFinite(fps)) {
            throw new IllegalArgumentException("fps must be a finite number > 0 but was " + fps);
        }
    }
}
