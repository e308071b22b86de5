package org.omnisila.annotator.generate;

/**
 * A span of a video to have described.
 *
 * @param start      start, seconds; &gt;= 0
 * @param end        end, seconds; &gt;= start
 * @param knownLabel the label an annotator gave it (a ground-truth segment), named in the prompt; or null
 */
public record GenerationSpan(double start, double end, String knownLabel) {

    /** Validates the span. */
    public GenerationSpan {
        if (!(start >= 0) || !(end >= start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("the span " + start + " to " + end + " s is not a span of a video"
                    + " (0 <= start <= end)");
        }
    }
}
