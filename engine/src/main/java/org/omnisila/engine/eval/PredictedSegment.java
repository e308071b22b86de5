package org.omnisila.engine.eval;

import java.util.List;

/**
 * One predicted (located) segment: the paper's (t_i, s_i, c_i) with a confidence score.
 *
 * @param start       start time in seconds
 * @param end         end time in seconds, {@code >= start}
 * @param label       canonical label name
 * @param score       confidence used to rank predictions (any finite number; usually a probability)
 * @param attribution generated attribution text, or {@code null}
 * @param ratings     human rationality ratings recorded for this attribution (paper's 1-6 scale); may be empty
 * @param line        line of the entry in its source file (1-based), 0 when not read from a file
 */
public record PredictedSegment(double start, double end, String label, double score, String attribution,
                               List<Double> ratings, int line) implements TimeSpan {
    public PredictedSegment {
        ratings = ratings == null ? List.of() : List.copyOf(ratings);
    }

    public PredictedSegment(double start, double end, String label, double score) {
        this(start, end, label, score, null, List.of(), 0);
    }
}
