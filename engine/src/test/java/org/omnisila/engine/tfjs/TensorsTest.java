package org.omnisila.engine.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Reading integer tensors leaves them usable: an int64 shape or axis constant is read, not closed. */
class TensorsTest {
    @Test
    void readingAnInt64TensorDoesNotCloseIt() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray shape = m.create(new long[] {2, 3, 4});
            assertArrayEquals(new long[] {2, 3, 4}, Tensors.longs(shape));
            assertArrayEquals(new long[] {2, 3, 4}, Tensors.longs(shape), "read again: still open");
            NDArray ints = m.create(new int[] {5, 6});
            assertArrayEquals(new long[] {5, 6}, Tensors.longs(ints));
            assertArrayEquals(new int[] {5, 6}, ints.toIntArray());
            assertArrayEquals(new long[] {7}, Tensors.longs(m.create(new float[] {7f}).toType(DataType.INT64, false)));
        }
    }
}
