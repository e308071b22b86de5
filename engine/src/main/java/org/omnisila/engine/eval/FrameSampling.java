package org.omnisila.engine.eval;

/**
 * How frames are sampled for frame-level metrics.
 *
 * <p>Frame k of a video sampled at rate r frames/s stands for the time {@code (k + 0.5) / r} (the centre of its
 * interval); frames run while that time is before the video's duration. A segment [s, e) covers frame k when
 * {@code s <= (k + 0.5) / r < e}.
 *
 * @param statedRate   a rate for every video (frames/s), or NaN to use each video's own fps
 * @param fallbackRate the rate used for a video whose fps is unknown when no rate is stated
 */
public record FrameSampling(double statedRate, double fallbackRate) {
    public static final double DEFAULT_FALLBACK_RATE = 10.0;

    public FrameSampling {
        if (!Double.isNaN(statedRate) && !(statedRate > 0 && Double.isFinite(statedRate))) {
            throw new IllegalArgumentException("frame rate must be a positive number, got " + statedRate);
        }
        if (!(fallbackRate > 0 && Double.isFinite(fallbackRate))) {
            throw new IllegalArgumentException("fallback frame rate must be a positive number, got " + fallbackRate);
        }
    }

    /** Each video's own fps, {@value #DEFAULT_FALLBACK_RATE} frames/s where it is unknown. */
    public static FrameSampling videoFps() {
        return new FrameSampling(Double.NaN, DEFAULT_FALLBACK_RATE);
    }

    public static FrameSampling stated(double rate) {
        return new FrameSampling(rate, rate);
    }

    public double rateFor(GroundTruthVideo video) {
        if (!Double.isNaN(statedRate)) {
            return statedRate;
        }
        return video.fps() > 0 ? video.fps() : fallbackRate;
    }

    /** Number of frames whose centre lies before {@code duration}. */
    public static int frameCount(double duration, double rate) {
        return Math.max(0, (int) Math.ceil(duration * rate - 0.5));
    }

    /** First frame index whose centre is at or after {@code time}. */
    public static int firstFrameAtOrAfter(double time, double rate) {
        return (int) Math.ceil(time * rate - 0.5);
    }

    public String describe() {
        return Double.isNaN(statedRate)
                ? "each video's fps (" + fallbackRate + " frames/s where unknown)"
                : statedRate + " frames/s";
    }
}
