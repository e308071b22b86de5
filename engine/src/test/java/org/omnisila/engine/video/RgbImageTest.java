package org.omnisila.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RgbImageTest {

    /** 3x2: pixel value = 10 * row + column in every channel. */
    private static RgbImage sample() {
        byte[] rgb = new byte[3 * 2 * 3];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * 3 + x) * 3 + c] = (byte) (10 * y + x);
                }
            }
        }
        return new RgbImage(3, 2, rgb);
    }

    private static int v(RgbImage i, int x, int y) {
        return i.pixel(x, y) & 0xff;
    }

    @Test
    void rotatesClockwise() {
        RgbImage i = sample();
        RgbImage r90 = i.rotated(90);
        assertEquals(2, r90.width());
        assertEquals(3, r90.height());
        assertEquals(10, v(r90, 0, 0)); // bottom-left goes to top-left
        assertEquals(0, v(r90, 1, 0)); // top-left goes to top-right
        assertEquals(2, v(r90, 1, 2));
        RgbImage r180 = i.rotated(180);
        assertEquals(12, v(r180, 0, 0));
        assertEquals(0, v(r180, 2, 1));
        RgbImage r270 = i.rotated(270);
        assertEquals(2, v(r270, 0, 0)); // top-right goes to top-left
        assertEquals(i, r90.rotated(270));
        assertEquals(i, r180.rotated(180));
        assertSame(i, i.rotated(0));
    }

    @Test
    void isImmutable() {
        byte[] rgb = new byte[3];
        RgbImage i = new RgbImage(1, 1, rgb);
        rgb[0] = 9;
        i.rgb()[0] = 9;
        assertEquals(0, i.pixel(0, 0));
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> i.buffer().put((byte) 1));
    }

    @Test
    void rejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> new RgbImage(2, 2, new byte[11]));
        assertThrows(IllegalArgumentException.class, () -> new RgbImage(0, 2, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> sample().rotated(45));
        assertThrows(IndexOutOfBoundsException.class, () -> sample().pixel(3, 0));
    }
}
