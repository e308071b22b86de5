package org.omnisila.app.workbench.player;

import java.nio.ByteBuffer;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SampledFrame;

/**
 * A decoded frame ready for the screen: its timestamp and its pixels as opaque {@code 0xAARRGGBB} ints, row by
 * row (JavaFX's premultiplied ARGB format, which equals straight ARGB when every pixel is opaque). Converted on
 * the decode thread so that the FX thread only copies. The array is owned by the frame: do not change it.
 *
 * @param time   the frame's timestamp, seconds from the start of the file
 * @param width  pixels
 * @param height pixels
 * @param argb   {@code width * height} pixels
 */
public record PlayerFrame(double time, int width, int height, int[] argb) {

    /** Converts a decoded frame. */
    public static PlayerFrame of(SampledFrame frame) {
        RgbImage image = frame.image();
        ByteBuffer rgb = image.buffer();
        int[] argb = new int[image.width() * image.height()];
        for (int i = 0, o = 0; i < argb.length; i++, o += 3) {
            argb[i] = 0xff00_0000 | (rgb.get(o) & 0xff) << 16 | (rgb.get(o + 1) & 0xff) << 8 | (rgb.get(o + 2) & 0xff);
        }
        return new PlayerFrame(frame.time(), image.width(), image.height(), argb);
    }
}
