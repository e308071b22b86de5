package org.omnisila.engine.video;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One decoded frame as 8-bit RGB pixels, row by row, top-left first, three bytes per pixel (red, green, blue),
 * no padding. Immutable: the pixels are copied in and out, and {@link #buffer()} gives a read-only view.
 */
public final class RgbImage {

    private final int width;
    private final int height;
    private final byte[] rgb;

    /**
     * @param width  pixels; &gt; 0
     * @param height pixels; &gt; 0
     * @param rgb    {@code width * height * 3} bytes, copied
     */
    public RgbImage(int width, int height, byte[] rgb) {
        this(width, height, checkedCopy(width, height, rgb), true);
    }

    private RgbImage(int width, int height, byte[] owned, boolean trusted) {
        this.width = width;
        this.height = height;
        this.rgb = owned;
    }

    /** Takes ownership of an array this package has just filled (no copy). */
    static RgbImage wrap(int width, int height, byte[] owned) {
        return new RgbImage(width, height, checked(width, height, owned), true);
    }

    private static byte[] checkedCopy(int width, int height, byte[] rgb) {
        return checked(width, height, rgb).clone();
    }

    private static byte[] checked(int width, int height, byte[] rgb) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive but was " + width + "x" + height);
        }
        if (rgb == null || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("an RGB image of " + width + "x" + height + " needs "
                    + width * height * 3 + " bytes but got " + (rgb == null ? "null" : rgb.length));
        }
        return rgb;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** A copy of the pixels, {@code width * height * 3} bytes. */
    public byte[] rgb() {
        return rgb.clone();
    }

    /** The pixels without copying, read-only. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(rgb).asReadOnlyBuffer();
    }

    /** The pixel at column x, row y as {@code 0xRRGGBB}. */
    public int pixel(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") is outside " + width + "x" + height);
        }
        int o = (y * width + x) * 3;
        return (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff);
    }

    /**
     * This image turned clockwise.
     *
     * @param degrees 0, 90, 180 or 270
     * @return this image for 0, else a turned copy
     */
    public RgbImage rotated(int degrees) {
        if (degrees == 0) {
            return this;
        }
        if (degrees != 90 && degrees != 180 && degrees != 270) {
            throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270 but was " + degrees);
        }
        int w = degrees == 180 ? width : height;
        int h = degrees == 180 ? height : width;
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int nx;
                int ny;
                if (degrees == 90) {
                    nx = height - 1 - y;
                    ny = x;
                } else if (degrees == 180) {
                    nx = width - 1 - x;
                    ny = height - 1 - y;
                } else {
                    nx = y;
                    ny = width - 1 - x;
                }
                System.arraycopy(rgb, (y * width + x) * 3, out, (ny * w + nx) * 3, 3);
            }
        }
        return new RgbImage(w, h, out, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage i && i.width == width && i.height == height && Arrays.equals(i.rgb, rgb);
    }

    @Override
    public int hashCode() {
        return (width * 31 + height) * 31 + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
