package org.omnisila.engine.video;

import java.util.Arrays;

/**
 * One planned segment of a video: its time span and the times of the frames to sample in it.
 *
 * @param index      0-based position in the plan
 * @param start      start, seconds; &gt;= 0
 * @param end        end, seconds; &gt;= start
 * @param frameTimes target times of the sampled frames, seconds, non-decreasing (copied)
 */
public record Segment(int index, double start, double end, double[] frameTimes) {

    /** Validates every field and copies the frame times. */
    public Segment {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0 but was " + index);
        }
        if (!(start >= 0) || !(end >= start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("segment [" + start + ", " + end + "] must have 0 <= start <= end");
        }
        if (frameTimes == null || frameTimes.length == 0) {
            throw new IllegalArgumentException("a segment needs at least one frame time");
        }
        frameTimes = frameTimes.clone();
        for (int k = 1; k < frameTimes.length; k++) {
            if (!(frameTimes[k] >= frameTimes[k - 1])) {
                throw new IllegalArgumentException("frame times must be non-decreasing but frameTimes[" + k + "] "
                        + frameTimes[k] + " is before " + frameTimes[k - 1]);
            }
        }
    }

    /** The target frame times, seconds (a copy). */
    @Override
    public double[] frameTimes() {
        return frameTimes.clone();
    }

    /** Target time {@code k}, seconds. */
    public double frameTime(int k) {
        return frameTimes[k];
    }

    /** Number of frames sampled in this segment. */
    public int frameCount() {
        return frameTimes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Segment s && s.index == index && s.start == start && s.end == end
                && Arrays.equals(s.frameTimes, frameTimes);
    }

    @Override
    public int hashCode() {
        return (index * 31 + Double.hashCode(start)) * 31 + Arrays.hashCode(frameTimes);
    }

    @Override
    public String toString() {
        return "Segment[" + index + ", " + start + "-" + end + " s, frames at " + Arrays.toString(frameTimes) + "]";
    }
}
