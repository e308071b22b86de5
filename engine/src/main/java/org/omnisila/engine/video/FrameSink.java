package org.omnisila.engine.video;

/**
 * Receives the sampled segments of a video as they are decoded, in order, on the decoding thread. A segment
 * whose frames could not all be decoded is skipped (see {@link SamplingResult#skippedSegments()}).
 *
 * <p>The sampler keeps no reference to a segment once it has been handed over: a sink that does not keep the
 * frames either lets them be collected, so memory does not grow with the length of the video.
 */
@FunctionalInterface
public interface FrameSink {

    /** Called once, before any segment, with what the file says about itself. */
    default void start(VideoMetadata metadata) {
    }

    /** Called for each segment whose frames were all decoded, in the order of the plan. */
    void accept(SegmentFrames segment);
}
