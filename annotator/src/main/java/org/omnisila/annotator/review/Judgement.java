package org.omnisila.annotator.review;

import java.util.Objects;

/**
 * One rater's verdict on one item, as agreement compares them: kept with a label and a segment, or rejected.
 *
 * @param label    the label the rater kept; may be null (no label given); ignored when rejected
 * @param start    the segment's start the rater kept, seconds
 * @param end      its end, seconds; &gt;= start
 * @param rejected whether the rater rejected the item
 */
public record Judgement(String label, double start, double end, boolean rejected) {

    /** The tIoU under which two kept segments count as a disagreement. */
    public static final double SEGMENT_AGREEMENT = 0.5;

    /** The category agreement statistics count for a rejected item. */
    public static final String REJECTED = "rejected";

    /** Checks the span. */
    public Judgement {
        if (!(start >= 0) || !(end >= start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("the segment " + start + " to " + end + " s is not a span");
        }
    }

    /** What kappa counts: the label, or {@value #REJECTED} for a rejected item (a null label counts as "none"). */
    public String category() {
        return rejected ? REJECTED : Objects.requireNonNullElse(label, "none");
    }

    /**
     * Whether two raters disagree on the item: one kept it and the other rejected it, or both kept it with other
     * labels or with segments whose tIoU is under {@value #SEGMENT_AGREEMENT}. Two rejections agree.
     */
    public boolean disagreesWith(Judgement other) {
        if (rejected || other.rejected) {
            return rejected != other.rejected;
        }
        return !Objects.equals(label, other.label) || tIoU(other) < SEGMENT_AGREEMENT;
    }

    /**
     * The temporal intersection over union of the two segments, in [0, 1]: 1 for the same segment (two frames at
     * the same time included), 0 for segments that do not overlap.
     */
    public double tIoU(Judgement other) {
        return tIoU(start, end, other.start, other.end);
    }

    /** The tIoU of [s1, e1] and [s2, e2]; see {@link #tIoU(Judgement)}. */
    public static double tIoU(double s1, double e1, double s2, double e2) {
        double union = Math.max(e1, e2) - Math.min(s1, s2);
        if (union == 0) {
            return 1; // two frames at the same time
        }
        double intersection = Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
        return intersection / union;
    }
}
