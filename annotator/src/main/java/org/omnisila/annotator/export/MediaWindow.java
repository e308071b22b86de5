package org.omnisila.annotator.export;

/**
 * The part of a source video an item's clip or frames show: its segment with {@code context} seconds on either side,
 * within the video, and at least one frame long (a single-frame item).
 *
 * @param start seconds from the start of the source video
 * @param end   seconds; &gt; start
 */
public record MediaWindow(double start, double end) {

    /**
     * @param segmentStart  the item's start
     * @param segmentEnd    the item's end (equal for a single frame)
     * @param context       seconds added on either side
     * @param duration      the video's length, or 0 when unknown (no clamp at the end)
     * @param frameInterval seconds per frame of the video
     */
    public static MediaWindow around(double segmentStart, double segmentEnd, double context, double duration,
                                     double frameInterval) {
        double start = Math.max(0, segmentStart - context);
        double end = segmentEnd + context;
        if (duration > 0) {
            end = Math.min(duration, end);
            start = Math.min(start, Math.max(0, duration - frameInterval));
        }
        if (end - start < frameInterval) {
            end = start + frameInterval;
        }
        return new MediaWindow(millis(start), millis(end));
    }

    /** The length in seconds. */
    public double length() {
        return end - start;
    }

    private static double millis(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
