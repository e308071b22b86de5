package org.omnisila.engine.analysis;

import java.util.List;
import org.omnisila.engine.video.VideoWarning;

/**
 * What decoding and scene extraction produced for one video: the segments' features and cues, and the
 * problems decoding went past. This is what the scene cache keeps, and all the model needs.
 *
 * @param segments the delivered segments, in time order
 * @param warnings problems decoding went past, in time order
 */
public record CollectedVideo(List<CollectedSegment> segments, List<VideoWarning> warnings) {
    public CollectedVideo {
        segments = List.copyOf(segments);
        warnings = List.copyOf(warnings);
    }
}
