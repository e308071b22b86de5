package org.omnisila.annotator.review;

import java.util.Objects;

/**
 * Which items the review queue lists, and in which order (docs/annotation-guide.md, "Queue"). Start from
 * {@link #all()} and narrow.
 *
 * @param show               which items: all, unreviewed, rejected, in disagreement with a peer, or of low model
 *                           confidence; not null
 * @param label              only items with this label; null for any
 * @param videoId            only items of this video; null for any
 * @param lowConfidenceBelow what {@link Show#LOW_CONFIDENCE} means: a confidence below this, in (0, 1]
 * @param order              the order; not null
 */
public record QueueQuery(Show show, String label, Long videoId, double lowConfidenceBelow, Order order) {

    /** The default threshold of {@link Show#LOW_CONFIDENCE}. */
    public static final double DEFAULT_LOW_CONFIDENCE = 0.5;

    private static final QueueQuery ALL = new QueueQuery(Show.ALL, null, null, DEFAULT_LOW_CONFIDENCE,
            Order.VIDEO_TIME);

    /** Which items the queue shows (the filter chips of the review view). */
    public enum Show {
        /** Every item. */
        ALL,
        /** Items not reviewed yet. */
        UNREVIEWED,
        /** Rejected items. */
        REJECTED,
        /**
         * Items an imported peer judged otherwise than this project: another label, kept against rejected, or a
         * segment overlapping by a tIoU under 0.5 ({@link Judgement#disagreesWith}).
         */
        DISAGREEMENT,
        /**
         * Items whose confidence (of the latest model opinion, else the item's own score) is below
         * {@link #lowConfidenceBelow()}; items with neither are not shown.
         */
        LOW_CONFIDENCE
    }

    /** The order of the queue. */
    public enum Order {
        /** By video, then start time (then id). */
        VIDEO_TIME,
        /**
         * Most uncertain first: uncertainty is 1 - the confidence of the item's latest model opinion, else of its own
         * score; items with neither come last, by video time. Ties by video time.
         */
        MODEL_UNCERTAINTY
    }

    /** Checks the threshold and that show and order are given. */
    public QueueQuery {
        Objects.requireNonNull(show, "show");
        Objects.requireNonNull(order, "order");
        if (!(lowConfidenceBelow > 0 && lowConfidenceBelow <= 1)) {
            throw new IllegalArgumentException("the low-confidence threshold must be above 0 and at most 1, but was "
                    + lowConfidenceBelow);
        }
    }

    /** Every item, by video time, low confidence meaning below {@value #DEFAULT_LOW_CONFIDENCE}. */
    public static QueueQuery all() {
        return ALL;
    }

    /** The same query showing other items. */
    public QueueQuery withShow(Show newShow) {
        return new QueueQuery(newShow, label, videoId, lowConfidenceBelow, order);
    }

    /** Only items with this label (null: any). */
    public QueueQuery withLabel(String onlyLabel) {
        return new QueueQuery(show, onlyLabel, videoId, lowConfidenceBelow, order);
    }

    /** Only items of this video (null: any). */
    public QueueQuery withVideo(Long onlyVideo) {
        return new QueueQuery(show, label, onlyVideo, lowConfidenceBelow, order);
    }

    /** Another threshold for {@link Show#LOW_CONFIDENCE}. */
    public QueueQuery withLowConfidenceBelow(double threshold) {
        return new QueueQuery(show, label, videoId, threshold, order);
    }

    /** Another order. */
    public QueueQuery withOrder(Order newOrder) {
        return new QueueQuery(show, label, videoId, lowConfidenceBelow, newOrder);
    }
}
