package org.omnisila.engine.eval;

/**
 * One annotated segment of a ground-truth video.
 *
 * @param start       start time in seconds
 * @param end         end time in seconds, {@code >= start}
 * @param label       canonical label name (see {@link org.omnisila.engine.api.SentimentLabels#canonical})
 * @param attribution the reference attribution text ("true cause"), or {@code null} when the file has none
 * @param line        line of the entry in its source file (1-based), for messages; 0 when not read from a file
 */
public record GroundTruthSegment(double start, double end, String label, String attribution, int line)
        implements TimeSpan {
}
