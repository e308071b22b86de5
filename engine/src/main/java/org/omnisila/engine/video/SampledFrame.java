package org.omnisila.engine.video;

import java.util.Objects;

/**
 * A decoded frame chosen for a target time: the frame whose timestamp is nearest the target.
 *
 * @param targetTime the time asked for, seconds
 * @param time       the frame's own timestamp, seconds from the start of the file
 * @param image      its pixels, upright
 */
public record SampledFrame(double targetTime, double time, RgbImage image) {

    /** Validates the fields. */
    public SampledFrame {
        if (!Double.isFinite(targetTime) || !Double.isFinite(time)) {
            throw new IllegalArgumentException("frame times must be finite but were " + targetTime + ", " + time);
        }
        Objects.requireNonNull(image, "image");
    }
}
