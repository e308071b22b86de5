package org.omnisila.engine.video;

import java.util.List;
import java.util.Objects;

/**
 * What a sampling pass over a video did.
 *
 * @param metadata          what the file says about itself
 * @param segmentsPlanned   segments in the plan
 * @param segmentsDelivered segments handed to the sink
 * @param skippedSegments   planned segments not handed over because a target time fell in a stretch without
 *                          decodable frames (see the warnings for why)
 * @param framesDecoded     pictures the decoder produced, damaged ones included
 * @param framesDamaged     pictures FFmpeg flagged as decoded with errors; never sampled
 * @param peakImagesHeld    the most frame images the sampler held at once (the current segment's and the
 *                          previous frame): bounded by the plan, not by the length of the video
 * @param warnings          problems decoding went past, in time order
 */
public record SamplingResult(VideoMetadata metadata, int segmentsPlanned, int segmentsDelivered,
                             List<Segment> skippedSegments, long framesDecoded, long framesDamaged,
                             int peakImagesHeld, List<VideoWarning> warnings) {

    /** Copies the lists. */
    public SamplingResult {
        Objects.requireNonNull(metadata, "metadata");
        skippedSegments = List.copyOf(skippedSegments);
        warnings = List.copyOf(warnings);
    }
}
