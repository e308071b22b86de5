package org.omnisila.engine.icm.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * One array of a checkpoint, held in Java memory: its shape and its float32 values in row-major order.
 *
 * @param shape  the array's shape
 * @param values the values, {@code shape.size()} of them
 */
public record StoredArray(Shape shape, float[] values) {

    public StoredArray {
        if (shape.size() != values.length) {
            throw new IllegalArgumentException("shape " + shape + " holds " + shape.size() + " values, got "
                    + values.length);
        }
    }

    /**
     * @param manager where to create the array
     * @param name the name to give it
     * @return the array as a float32 NDArray on {@code manager}
     */
    public NDArray toNDArray(NDManager manager, String name) {
        NDArray array = manager.create(values, shape);
        array.setName(name);
        return array;
    }
}
