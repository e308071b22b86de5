package org.omnisila.engine.tfjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.omnisila.engine.tfjs.OpHarness.attrs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ResizeBilinear of [[0, 10], [20, 30]] in TensorFlow's three coordinate conventions, by hand. */
class ResizeBilinearTest {

    private final OpHarness h = new OpHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private float[] resize(int height, int width, boolean alignCorners, boolean halfPixel) {
        NDArray x = h.floats(new float[] {0, 10, 20, 30}, 1, 2, 2, 1);
        NDArray y = h.run1("ResizeBilinear", attrs().b("align_corners", alignCorners).b("half_pixel_centers", halfPixel),
                x, h.ints(height, width));
        assertEquals(new Shape(1, height, width, 1), y.getShape());
        return y.toFloatArray();
    }

    @Test
    void legacyCoordinatesRepeatTheLastRowAndColumn() {
        // source = dst * 2 / 4: 0, 0.5, 1, 1.5 (1.5 clamps to pixel 1).
        assertArrayEquals(new float[] {
            0, 5, 10, 10,
            10, 15, 20, 20,
            20, 25, 30, 30,
            20, 25, 30, 30}, resize(4, 4, false, false));
    }

    @Test
    void alignCornersMapsCornersToCorners() {
        // source = dst * (2 - 1) / (3 - 1): 0, 0.5, 1.
        assertArrayEquals(new float[] {0, 5, 10, 10, 15, 20, 20, 25, 30}, resize(3, 3, true, false));
    }

    @Test
    void halfPixelCentersShiftByHalfAPixel() {
        // source = (dst + 0.5) / 2 - 0.5: -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
        assertArrayEquals(new float[] {
            0, 2.5f, 7.5f, 10,
            5, 7.5f, 12.5f, 15,
            15, 17.5f, 22.5f, 25,
            20, 22.5f, 27.5f, 30}, resize(4, 4, false, true));
    }

    @Test
    void downscaleTakesEveryOtherPixelInLegacyMode() {
        NDArray x = h.counting(1, 4, 4, 1);
        NDArray y = ResizeBilinearOp.resize(x, 2, 2, false, false);
        assertArrayEquals(new float[] {1, 3, 9, 11}, y.toFloatArray());
    }
}
