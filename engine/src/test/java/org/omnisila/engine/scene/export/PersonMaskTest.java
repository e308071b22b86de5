package org.omnisila.engine.scene.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PersonMaskTest {
    private static final int FULL = 256;

    private static void set(float[] p, int cellX, int cellY, float a, float b, float c, float d) {
        int i = 2 * cellY * FULL + 2 * cellX;
        p[i] = a;
        p[i + 1] = b;
        p[i + FULL] = c;
        p[i + FULL + 1] = d;
    }

    @Test
    void eachCellIsTheMeanOfItsTwoByTwoPixelsAsAByte() {
        float[] p = new float[FULL * FULL];
        set(p, 0, 0, 1, 0.5f, 0, 0.5f); // mean 0.5: round(127.5) = 128
        set(p, 1, 0, 1, 1, 1, 1); // 255
        set(p, 0, 1, 0.2f, 0.2f, 0.2f, 0.2f); // 51
        set(p, 127, 127, 1.5f, 1.5f, 1.5f, 1.5f); // clipped: 255
        set(p, 5, 9, -1, -1, 0, 0); // clipped: 0
        set(p, 6, 9, 0.01f, 0, 0, 0); // 0.0025 * 255 = 0.64: 1
        byte[] v = PersonMask.of(p).values();
        assertEquals(128 * 128, v.length);
        assertEquals(128, v[0] & 0xff);
        assertEquals(255, v[1] & 0xff);
        assertEquals(51, v[128] & 0xff);
        assertEquals(255, v[128 * 128 - 1] & 0xff);
        assertEquals(0, v[9 * 128 + 5]);
        assertEquals(1, v[9 * 128 + 6]);
        int nonZero = 0;
        for (byte b : v) {
            nonZero += b == 0 ? 0 : 1;
        }
        assertEquals(5, nonZero, "every other cell is 0");
    }

    @Test
    void keptDeflatedAndGivenOutAsACopy() {
        float[] p = new float[FULL * FULL];
        for (int y = 64; y < 192; y++) {
            for (int x = 100; x < 140; x++) {
                p[y * FULL + x] = 1; // a standing person
            }
        }
        PersonMask mask = PersonMask.of(p);
        assertTrue(mask.size() < 1024, "a plain shape deflates to little, not 16 KiB: " + mask.size());
        byte[] first = mask.values();
        assertEquals(255, first[64 * 128 + 60] & 0xff); // pixel (120, 128) -> cell (60, 64)
        assertEquals(0, first[64 * 128 + 40]);
        first[64 * 128 + 40] = 9;
        assertEquals(0, mask.values()[64 * 128 + 40], "a copy: the mask is unchanged");
    }

    @Test
    void aMaskOfAnotherSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PersonMask.of(new float[128 * 128]));
    }
}
