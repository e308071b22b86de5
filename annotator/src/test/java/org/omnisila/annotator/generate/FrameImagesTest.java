package org.omnisila.annotator.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.video.RgbImage;

/** Frames become JPEG data URIs, scaled down to the limit, colours kept. */
class FrameImagesTest {

    @Test
    void scalesTheLongSideDownOnlyKeepingTheAspect() {
        FrameImages images = new FrameImages(512);
        assertArrayEquals(new int[] {512, 288}, images.scaledSize(1920, 1080));
        assertArrayEquals(new int[] {288, 512}, images.scaledSize(1080, 1920));
        assertArrayEquals(new int[] {320, 240}, images.scaledSize(320, 240), "never up");
    }

    @Test
    void encodesAJpegOfTheScaledSizeWithRedStillRed() throws Exception {
        int w = 200;
        int h = 100;
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            boolean left = i % w < w / 2;
            rgb[i * 3] = (byte) (left ? 220 : 20);     // red on the left half
            rgb[i * 3 + 2] = (byte) (left ? 20 : 220); // blue on the right half
        }

        String uri = new FrameImages(64).dataUri(new RgbImage(w, h, rgb));

        assertTrue(uri.startsWith("data:image/jpeg;base64,"));
        BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(FrameImages.decode(uri)));
        assertEquals(64, jpeg.getWidth());
        assertEquals(32, jpeg.getHeight());
        int left = jpeg.getRGB(8, 16);
        int right = jpeg.getRGB(56, 16);
        assertTrue((left >> 16 & 0xff) > 180 && (left & 0xff) < 60, Integer.toHexString(left));
        assertTrue((right & 0xff) > 180 && (right >> 16 & 0xff) < 60, Integer.toHexString(right));
    }
}
