package org.omnisila.engine.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** BlazeFace short range's anchors against centres worked out by hand from SsdAnchorsCalculator's rules. */
class SsdAnchorsTest {

    private static final float[][] A = SsdAnchors.faceShortRange();

    @Test
    void eightHundredNinetySixAnchors() {
        assertEquals(896, A.length);
    }

    @Test
    void strideEightGridComesFirstTwoPerCell() {
        assertArrayEquals(new float[] {0.5f / 16, 0.5f / 16}, A[0], 1e-7f);
        assertArrayEquals(new float[] {0.5f / 16, 0.5f / 16}, A[1], 1e-7f); // the interpolated-scale anchor
        assertArrayEquals(new float[] {1.5f / 16, 0.5f / 16}, A[2], 1e-7f); // next cell along the row
        assertArrayEquals(new float[] {0.5f / 16, 1.5f / 16}, A[32], 1e-7f); // next row: 16 cells x 2
        assertArrayEquals(new float[] {15.5f / 16, 15.5f / 16}, A[511], 1e-7f); // last of stride 8
    }

    @Test
    void strideSixteenLayersShareOneGridSixPerCell() {
        for (int i = 512; i < 518; i++) {
            assertArrayEquals(new float[] {0.5f / 8, 0.5f / 8}, A[i], 1e-7f, "anchor " + i);
        }
        assertArrayEquals(new float[] {1.5f / 8, 0.5f / 8}, A[518], 1e-7f);
        assertArrayEquals(new float[] {0.5f / 8, 1.5f / 8}, A[512 + 48], 1e-7f); // 8 cells x 6
        assertArrayEquals(new float[] {7.5f / 8, 7.5f / 8}, A[895], 1e-7f);
    }
}
