package org.omnisila.app.workbench.player;

import java.util.Arrays;

/**
 * A person mask over the whole frame (stretched to the picture, as the selfie model sees the frame): {@code width x
 * height} person probabilities as unsigned bytes {@code round(255 * p)}, row-major. The array is owned by the
 * mask: do not change it. Equal to a mask of the same size and values (so that the layer can tell a frame whose
 * overlay did not change).
 *
 * @param width  cells across, &gt; 0
 * @param height cells down, &gt; 0
 * @param values {@code width * height} values
 */
public record OverlayMask(int width, int height, byte[] values) implements OverlayShape {

    /** Validates the size. */
    public OverlayMask {
        if (width <= 0 || height <= 0 || values.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " mask needs " + width * height
                    + " values, got " + values.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OverlayMask m && m.width == width && m.height == height
                && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "OverlayMask[" + width + "x" + height + "]";
    }
}
