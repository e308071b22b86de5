package org.omnisila.app.workbench.player;

import javafx.scene.paint.Color;

/**
 * What an overlay shows, which picks its colour: light, saturated colours, distinct from each other, that the
 * {@link OverlayLayer} draws over a thin dark outline so that they read on bright and dark footage alike.
 */
public enum OverlayKind {
    /** A cue picked in the segment panel. */
    CUE(Color.WHITE),
    /** A face and its expression. */
    FACE(Color.rgb(255, 214, 0)),
    /** A person: box, joints and skeleton. */
    POSE(Color.rgb(0, 230, 118)),
    /** A detected object and its relation triples. */
    OBJECT(Color.rgb(255, 80, 220)),
    /** The person mask's tint (drawn translucent, see {@link OverlayLayer}). */
    MASK(Color.rgb(0, 170, 255));

    private final Color colour;

    OverlayKind(Color colour) {
        this.colour = colour;
    }

    /** @return the colour lines, boxes and labels of this kind are drawn in */
    public Color colour() {
        return colour;
    }
}
