package org.omnisila.engine.scene;

import java.util.ArrayList;
import java.util.List;

/**
 * The SSD anchor centres of MediaPipe's {@code SsdAnchorsCalculator} for BlazeFace short range: input 128,
 * strides 8, 16, 16, 16, anchor offset 0.5, aspect ratio 1.0 plus the interpolated scale (aspect 1.0), fixed
 * anchor size (every anchor is 1 x 1, so only centres matter). Consecutive layers of the same stride share
 * one grid, so stride 8 gives 16 x 16 cells x 2 anchors = 512 and the three stride-16 layers give 8 x 8 cells
 * x 6 anchors = 384: 896 anchors, row by row, cell by cell, the anchors of a cell together.
 */
public final class SsdAnchors {

    /** Anchors per layer: aspect ratio 1.0 and the interpolated scale. */
    private static final int PER_LAYER = 2;

    private SsdAnchors() {
    }

    /** @return 896 anchors of BlazeFace short range, each {x centre, y centre} in 0..1 */
    public static float[][] faceShortRange() {
        return generate(128, new int[] {8, 16, 16, 16}, 0.5f);
    }

    /**
     * @param inputSize the square model input, pixels
     * @param strides   one per layer
     * @param offset    where in its cell an anchor sits, 0..1
     * @return anchors, each {x centre, y centre} in 0..1
     */
    public static float[][] generate(int inputSize, int[] strides, float offset) {
        List<float[]> anchors = new ArrayList<>();
        int layer = 0;
        while (layer < strides.length) {
            int last = layer;
            while (last + 1 < strides.length && strides[last + 1] == strides[layer]) {
                last++;
            }
            int perCell = (last - layer + 1) * PER_LAYER;
            int cells = (int) Math.ceil((double) inputSize / strides[layer]);
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (int a = 0; a < perCell; a++) {
                        anchors.add(new float[] {(x + offset) / cells, (y + offset) / cells});
                    }
                }
            }
            layer = last + 1;
        }
        return anchors.toArray(new float[0][]);
    }
}
