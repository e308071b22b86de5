package org.omnisila.engine.video;

import java.util.List;
import java.util.Objects;

/**
 * A segment with its sampled frames, one per target time of the segment, in order.
 *
 * @param segment the planned segment
 * @param frames  one frame per {@link Segment#frameTimes()} entry (two targets may share a frame when the
 *                segment has fewer frames than targets)
 */
public record SegmentFrames(Segment segment, List<SampledFrame> frames) {

    /** Validates that there is one frame per target and copies the list. */
    public SegmentFrames {
        Objects.requireNonNull(segment, "segment");
        frames = List.copyOf(frames);
        if (frames.size() != segment.frameCount()) {
            throw new IllegalArgumentException("segment " + segment.index() + " has " + segment.frameCount()
                    + " target times but " + frames.size() + " frames");
        }
    }
}
