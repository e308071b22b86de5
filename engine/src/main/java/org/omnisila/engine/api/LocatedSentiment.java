package org.omnisila.engine.api;

/**
 * One located sentiment, the paper's triple (t_i, s_i, c_i): a time span, the sentiment found in it
 * and the attribution. Located sentiments are built from runs of segments and may span several of
 * them; they are what the timeline shows and what localisation metrics (mAP@tIoU) score.
 *
 * @param start       span start, seconds from the start of the video; finite, &gt;= 0
 * @param end         span end, seconds; finite, &gt;= start
 * @param label       the sentiment, a canonical label ({@link SentimentLabels}); not blank
 * @param score       confidence in [0, 1], used to rank predictions for mAP
 * @param attribution why this sentiment, in words; may be null or empty when none was generated
 */
public record LocatedSentiment(double start, double end, String label, double score, String attribution) {

    /** Validates the span, label and score. */
    public LocatedSentiment {
        Checks.interval(start, end);
        Checks.nonBlank("label", label);
        Checks.inRange("score", score, 0, 1);
    }

    /** Length of the span, seconds. */
    public double duration() {
        return end - start;
    }
}
