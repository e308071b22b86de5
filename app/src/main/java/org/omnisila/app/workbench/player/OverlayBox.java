package org.omnisila.app.workbench.player;

import java.util.Objects;

/**
 * A labelled box to draw over the current frame, in source pixels (as {@code omnisila scenes} writes face and
 * object boxes).
 *
 * @param x      left edge, source pixels
 * @param y      top edge, source pixels
 * @param width  source pixels, &gt;= 0
 * @param height source pixels, &gt;= 0
 * @param label  text drawn above the box; may be empty
 * @param kind   what it shows (its colour)
 */
public record OverlayBox(double x, double y, double width, double height, String label, OverlayKind kind)
        implements OverlayShape {

    /** Validates the fields. */
    public OverlayBox {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !(width >= 0) || !(height >= 0)
                || !Double.isFinite(width) || !Double.isFinite(height)) {
            throw new IllegalArgumentException("a box needs a finite position and a finite size >= 0 but was ("
                    + x + ", " + y + ") " + width + "x" + height);
        }
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
    }

    /** A box of a cue picked in the segment panel ({@link OverlayKind#CUE}). */
    public OverlayBox(double x, double y, double width, double height, String label) {
        this(x, y, width, height, label, OverlayKind.CUE);
    }
}
