package org.omnisila.app.workbench.timeline;

/**
 * The mapping between time on the video and x on the timeline canvas, at a zoom and scroll position. Pure and
 * immutable, so it is tested without JavaFX.
 *
 * <p>At zoom 1 the whole video fills the width; at zoom z one pixel holds {@code duration / (width * z)} seconds
 * and the view shows {@code duration / z} seconds starting at {@code offset}. The offset is kept in
 * {@code [0, duration - duration / z]}, so the view never shows time outside the video.
 *
 * @param duration seconds of video; &gt; 0
 * @param width    canvas width, pixels; &gt; 0
 * @param zoom     magnification, 1 (whole video) to {@link #maxZoom()}
 * @param offset   time at the left edge, seconds
 */
public record TimeScale(double duration, double width, double zoom, double offset) {
    /** The finest zoom: this many pixels per second (one pixel per millisecond). */
    public static final double MAX_PIXELS_PER_SECOND = 1000;

    /** Checks the sizes and clamps zoom and offset into range. */
    public TimeScale {
        if (!(duration > 0) || !(width > 0) || Double.isInfinite(duration) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("need duration > 0 and width > 0, got duration " + duration
                    + ", width " + width);
        }
        zoom = clamp(Double.isNaN(zoom) ? 1 : zoom, 1, maxZoom(duration, width));
        offset = clamp(Double.isNaN(offset) ? 0 : offset, 0, duration - duration / zoom);
    }

    /** The whole video in the given width. */
    public static TimeScale fit(double duration, double width) {
        return new TimeScale(duration, width, 1, 0);
    }

    /** @return the largest zoom for this duration and width (at least 1) */
    public double maxZoom() {
        return maxZoom(duration, width);
    }

    private static double maxZoom(double duration, double width) {
        return Math.max(1, MAX_PIXELS_PER_SECOND * duration / width);
    }

    /** @return pixels per second at this zoom */
    public double pixelsPerSecond() {
        return width * zoom / duration;
    }

    /** @return seconds shown in the width */
    public double visibleSeconds() {
        return duration / zoom;
    }

    /** @return time at the right edge */
    public double end() {
        return offset + visibleSeconds();
    }

    /** @return x of time t (may be outside [0, width] for times outside the view) */
    public double xOf(double t) {
        return (t - offset) * pixelsPerSecond();
    }

    /** @return time at x, clamped to the video */
    public double timeAt(double x) {
        return clamp(offset + x / pixelsPerSecond(), 0, duration);
    }

    /** Zooms by a factor keeping the time under x where it is (zoom around the mouse). */
    public TimeScale zoomAround(double x, double factor) {
        double t = offset + x / pixelsPerSecond();
        double z = clamp(zoom * factor, 1, maxZoom());
        return new TimeScale(duration, width, z, t - x * duration / (width * z));
    }

    /** Scrolls by dx pixels (positive: later in the video). */
    public TimeScale scrollBy(double dx) {
        return withOffset(offset + dx / pixelsPerSecond());
    }

    /** The same zoom with another left-edge time (clamped). */
    public TimeScale withOffset(double newOffset) {
        return new TimeScale(duration, width, zoom, newOffset);
    }

    /** The same zoom and offset on a canvas of another width. */
    public TimeScale withWidth(double newWidth) {
        return new TimeScale(duration, newWidth, zoom, offset);
    }

    /** Scrolls as little as possible so that t is in view, with a margin of a tenth of the view. */
    public TimeScale reveal(double t) {
        double margin = visibleSeconds() / 10;
        if (t < offset + margin) {
            return withOffset(t - margin);
        }
        if (t > end() - margin) {
            return withOffset(t - visibleSeconds() + margin);
        }
        return this;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
