package org.omnisila.app.workbench.player;

/**
 * Something drawn over the current frame by the {@link OverlayLayer}, in source pixels: a labelled box, a line
 * (a bone of a pose skeleton) or a person mask tinting the picture. Immutable values.
 */
public sealed interface OverlayShape permits OverlayBox, OverlayLine, OverlayMask {
}
