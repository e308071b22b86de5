package org.omnisila.engine.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;

/** RGB pixels as the NDArrays the vision models take: [height, width, 3], uint8 or float 0..255. */
public final class RgbArrays {

    private RgbArrays() {
    }

    /**
     * @param manager where the array is created
     * @param width pixels per row
     * @param height rows
     * @param rgb {@code width * height * 3} bytes, row by row, top-left first, red green blue
     * @return [height, width, 3] uint8
     */
    public static NDArray fromRgb(NDManager manager, int width, int height, byte[] rgb) {
        if (width <= 0 || height <= 0 || rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("an RGB image of " + width + "x" + height + " needs "
                    + (long) width * height * 3 + " bytes, got " + rgb.length);
        }
        return manager.create(ByteBuffer.wrap(rgb), new Shape(height, width, 3), DataType.UINT8);
    }

    /** Checks that an image is [height, width, 3] and returns it as float32 [1, height, width, 3]. */
    static NDArray batchOfOne(NDArray image) {
        Shape s = image.getShape();
        if (s.dimension() != 3 || s.get(2) != 3 || s.get(0) < 1 || s.get(1) < 1) {
            throw new IllegalArgumentException("an RGB image must be [height, width, 3], got " + s);
        }
        return image.toType(DataType.FLOAT32, false).expandDims(0);
    }
}
