package org.omnisila.app.workbench.timeline;

import java.nio.IntBuffer;
import java.util.Arrays;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * The pixels of the timeline's bar tracks, painted in plain int arrays and shown as one image. Drawing thousands
 * of small rectangles through a {@code GraphicsContext} costs a command each, which Prism's software pipeline
 * then rasterises one by one (about 70 ms a frame for 10,000 segments here); filling pixel columns of an array
 * costs microseconds, and the canvas then draws a single image. The buffer is reused between frames (one
 * {@link PixelBuffer}, as for video frames) and only reallocated when the width changes.
 */
final class TrackRaster {
    private final int height;
    private int width;
    private int[] pixels = new int[0];
    private PixelBuffer<IntBuffer> buffer;
    private WritableImage image;

    /** @param height rows of the raster, pixels */
    TrackRaster(int height) {
        this.height = height;
    }

    /** Makes the raster this wide and fills it with one colour. */
    void reset(int newWidth, int argb) {
        if (newWidth != width || image == null) {
            width = Math.max(1, newWidth);
            pixels = new int[width * height];
            buffer = new PixelBuffer<>(width, height, IntBuffer.wrap(pixels), PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(buffer);
        }
        Arrays.fill(pixels, argb);
    }

    int width() {
        return width;
    }

    /** Fills the pixels from x0 to x1 (rounded, at least one column) and rows y0 to y1 (rounded). */
    void fill(double x0, double x1, double y0, double y1, int argb) {
        int c0 = Math.max(0, (int) Math.round(x0));
        int c1 = Math.min(width, Math.max((int) Math.round(x1), c0 + 1));
        int r0 = Math.max(0, (int) Math.round(y0));
        int r1 = Math.min(height, (int) Math.round(y1));
        for (int r = r0; r < r1; r++) {
            Arrays.fill(pixels, r * width + c0, r * width + Math.max(c0, c1), argb);
        }
    }

    /** @return the image of the pixels, marked updated */
    WritableImage image() {
        buffer.updateBuffer(b -> null);
        return image;
    }

    /** @return an opaque colour as premultiplied ARGB */
    static int argb(Color c) {
        return 0xFF000000 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }
}
