package org.omnisila.engine.scene;

import org.omnisila.engine.api.Box;
import org.omnisila.engine.vision.Detection;

/** Detection corners (x1, y1, x2, y2) as the result model's {@link Box} (x, y, width, height). */
public final class Boxes {

    /** A box collapsed by clipping keeps this width or height (pixels), as {@link Box} needs a positive size. */
    static final double MIN_SIZE = 1e-3;

    private Boxes() {
    }

    /** @return the box of corners x1, y1, x2, y2 (pixels); an empty one keeps {@link #MIN_SIZE} */
    public static Box of(float x1, float y1, float x2, float y2) {
        return new Box(x1, y1, Math.max(MIN_SIZE, x2 - x1), Math.max(MIN_SIZE, y2 - y1));
    }

    /** @return a detection's box */
    public static Box of(Detection d) {
        return of(d.x1(), d.y1(), d.x2(), d.y2());
    }
}
