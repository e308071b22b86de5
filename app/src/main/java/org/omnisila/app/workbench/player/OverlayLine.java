package org.omnisila.app.workbench.player;

import java.util.Objects;

/**
 * A line segment to draw over the current frame, in source pixels (a bone of a pose skeleton).
 *
 * @param x1   one end, source pixels
 * @param y1   one end
 * @param x2   the other end
 * @param y2   the other end
 * @param kind what it shows (its colour)
 */
public record OverlayLine(double x1, double y1, double x2, double y2, OverlayKind kind) implements OverlayShape {

    /** Validates the fields. */
    public OverlayLine {
        if (!Double.isFinite(x1) || !Double.isFinite(y1) || !Double.isFinite(x2) || !Double.isFinite(y2)) {
            throw new IllegalArgumentException("a line needs finite ends but was (" + x1 + ", " + y1 + ") - ("
                    + x2 + ", " + y2 + ")");
        }
        Objects.requireNonNull(kind, "kind");
    }
}
