package org.omnisila.engine.tfjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.omnisila.engine.tfjs.OpHarness.attrs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * StridedSlice's masks on x = 0..23 as [2,3,4], each expectation written as the NumPy expression it
 * equals and its values worked out by hand.
 */
class StridedSliceTest {

    private final OpHarness h = new OpHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private NDArray slice(long[] begin, long[] end, long[] strides, int beginMask, int endMask, int ellipsis,
            int newAxis, int shrink) {
        NDArray x = h.counting(2, 3, 4).sub(1);
        return h.run1("StridedSlice", attrs().i("begin_mask", beginMask).i("end_mask", endMask)
                .i("ellipsis_mask", ellipsis).i("new_axis_mask", newAxis).i("shrink_axis_mask", shrink), x,
                h.manager.create(toInts(begin)), h.manager.create(toInts(end)), h.manager.create(toInts(strides)));
    }

    private static int[] toInts(long[] v) {
        return java.util.Arrays.stream(v).mapToInt(Math::toIntExact).toArray();
    }

    private static long[] l(long... v) {
        return v;
    }

    @Test
    void beginAndEndMasksTakeWholeDimensions() {
        // x[:, 1:3] -> [2,2,4]: rows 1-2 of each block: 4..11 and 16..23.
        NDArray y = slice(l(0, 1), l(0, 3), l(1, 1), 1, 1, 0, 0, 0);
        assertEquals(new Shape(2, 2, 4), y.getShape());
        assertArrayEquals(new float[] {4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23}, y.toFloatArray());
    }

    @Test
    void shrinkAxisDropsTheDimension() {
        // x[1] -> [3,4] = 12..23; x[-1, 2] -> [4] = 20..23.
        assertEquals(new Shape(3, 4), slice(l(1), l(2), l(1), 0, 0, 0, 0, 1).getShape());
        NDArray y = slice(l(-1, 2), l(0, 3), l(1, 1), 0, 0, 0, 0, 3);
        assertArrayEquals(new float[] {20, 21, 22, 23}, y.toFloatArray());
    }

    @Test
    void ellipsisCoversTheUnnamedDimensions() {
        // x[..., 1:3] -> [2,3,2]: columns 1 and 2 of every row.
        NDArray y = slice(l(0, 1), l(0, 3), l(1, 1), 0, 0, 1, 0, 0);
        assertEquals(new Shape(2, 3, 2), y.getShape());
        assertArrayEquals(new float[] {1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22}, y.toFloatArray());
    }

    @Test
    void newAxisAddsADimensionOfOne() {
        // x[np.newaxis, :, 1] -> [1,2,4]: rows 1 of each block.
        NDArray y = slice(l(0, 0, 1), l(0, 0, 2), l(1, 1, 1), 2, 2, 0, 1, 4);
        assertEquals(new Shape(1, 2, 4), y.getShape());
        assertArrayEquals(new float[] {4, 5, 6, 7, 16, 17, 18, 19}, y.toFloatArray());
        // x[..., np.newaxis, 1] -> [2,3,1]: column 1 of every row.
        NDArray z = slice(l(0, 0, 1), l(0, 0, 2), l(1, 1, 1), 0, 0, 1, 2, 4);
        assertEquals(new Shape(2, 3, 1), z.getShape());
        assertArrayEquals(new float[] {1, 5, 9, 13, 17, 21}, z.toFloatArray());
    }

    @Test
    void negativeStridesAndClampedBounds() {
        // x[:, ::-1] reverses the rows of each block.
        NDArray y = slice(l(0, 0), l(0, 0), l(1, -1), 3, 3, 0, 0, 0);
        assertArrayEquals(new float[] {8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3}, java.util.Arrays.copyOf(y.toFloatArray(), 12));
        // x[0, -2:100, ::2] -> [[4, 6], [8, 10]] (end 100 clamps to 3).
        NDArray z = slice(l(0, -2, 0), l(1, 100, 0), l(1, 1, 2), 0, 4, 0, 0, 1);
        assertEquals(new Shape(2, 2), z.getShape());
        assertArrayEquals(new float[] {4, 6, 8, 10}, z.toFloatArray());
        // x[1, 2, 3:0:-2] -> [23, 21].
        assertArrayEquals(new float[] {23, 21}, slice(l(1, 2, 3), l(2, 3, 0), l(1, 1, -2), 0, 0, 0, 0, 3).toFloatArray());
        // x[0, 0, 3:1] is empty.
        assertEquals(new Shape(0), slice(l(0, 0, 3), l(1, 1, 1), l(1, 1, 1), 0, 0, 0, 0, 3).getShape());
    }

    @Test
    void centernetStyleColumnSlice() {
        // CenterNet's strided_slice_9: begin (0,0,0), end (0,0,1), strides (1,1,1), begin and end masks 3:
        // x[:, :, 0:1] -> [2,3,1] = the first column.
        NDArray y = slice(l(0, 0, 0), l(0, 0, 1), l(1, 1, 1), 3, 3, 0, 0, 0);
        assertEquals(new Shape(2, 3, 1), y.getShape());
        assertArrayEquals(new float[] {0, 4, 8, 12, 16, 20}, y.toFloatArray());
    }

    @Test
    void outOfRangeShrinkIndexIsReported() {
        TfjsModelException e = assertThrows(TfjsModelException.class, () -> slice(l(2), l(3), l(1), 0, 0, 0, 0, 1));
        assertEquals("Node node (op StridedSlice) takes index 2 of dimension 0 (size 2)", e.getMessage());
    }
}
