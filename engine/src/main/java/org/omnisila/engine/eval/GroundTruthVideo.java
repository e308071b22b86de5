package org.omnisila.engine.eval;

import java.util.List;

/**
 * A video of a ground-truth file.
 *
 * @param id       video id (the key in the {@code database} object)
 * @param subset   subset name ({@code train}, {@code test}, ...), or {@code null} when the file has none
 * @param segments annotated segments, in file order
 * @param label    the video-level label when the file states one ({@code "label"}), else {@code null}: the
 *                 identification task then uses {@link Identification#dominantLabel}
 * @param duration duration in seconds when known ({@code "duration"} field or a duration file), else {@code NaN}
 * @param fps      frame rate when known ({@code "fps"} field or an fps file), else {@code NaN}
 * @param line     line of the entry in its file
 */
public record GroundTruthVideo(String id, String subset, List<GroundTruthSegment> segments, String label,
                               double duration, double fps, int line) {
    public GroundTruthVideo {
        segments = List.copyOf(segments);
    }

    public GroundTruthVideo withTiming(double newDuration, double newFps) {
        return new GroundTruthVideo(id, subset, segments, label, newDuration, newFps, line);
    }
}
