package org.omnisila.engine.api;

/**
 * An axis-aligned rectangle on a frame, in pixels of the source video frame (before any resizing
 * done for the model); the origin is the top-left corner, x grows to the right, y downwards.
 *
 * <p>x and y may be slightly negative or the box may reach past the frame edge: detectors do
 * that and the value is kept as detected rather than silently clipped.
 *
 * @param x      left edge, pixels; finite
 * @param y      top edge, pixels; finite
 * @param width  width, pixels; finite and &gt; 0
 * @param height height, pixels; finite and &gt; 0
 */
public record Box(double x, double y, double width, double height) {

    /** Validates finiteness and a positive size. */
    public Box {
        Checks.finite("x", x);
        Checks.finite("y", y);
        Checks.positive("width", width);
        Checks.positive("height", height);
    }
}
