package org.omnisila.engine.tfjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.omnisila.engine.tfjs.OpHarness.attrs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** MaxPool, arithmetic, Mean, shapes, GatherV2 and TopKV2 on tiny inputs worked out by hand. */
class ElementOpsTest {

    private final OpHarness h = new OpHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void maxPoolSameNeverPicksThePadding() {
        // -1..-16 in 4x4, 3x3 stride 2 SAME: padding after only, filled with -infinity, not 0.
        // [0][0] = max(-1,-2,-3,-5,-6,-7,-9,-10,-11) = -1; [0][1] = max(-3,-4,-7,-8,-11,-12) = -3;
        // [1][0] = -9; [1][1] = max(-11,-12,-15,-16) = -11.
        NDArray x = h.counting(1, 4, 4, 1).neg();
        NDArray y = h.run1("MaxPool", attrs().s("padding", "SAME").ints("ksize", 1, 3, 3, 1).ints("strides", 1, 2, 2, 1), x);
        assertArrayEquals(new float[] {-1, -3, -9, -11}, y.toFloatArray());
    }

    @Test
    void floorDivAndFloorModRoundTowardsMinusInfinity() {
        NDArray a = h.ints(7, -7, 7, -7);
        NDArray b = h.ints(2, 2, -2, -2);
        NDArray q = h.run1("FloorDiv", attrs(), a, b);
        assertEquals(DataType.INT32, q.getDataType());
        assertArrayEquals(new int[] {3, -4, -4, 3}, q.toIntArray());
        assertArrayEquals(new int[] {1, 1, -1, -1}, h.run1("FloorMod", attrs(), a, b).toIntArray());
        NDArray f = h.run1("FloorDiv", attrs(), h.floats(new float[] {7.5f, -7.5f}, 2), h.floats(new float[] {2, 2}, 2));
        assertArrayEquals(new float[] {3, -4}, f.toFloatArray());
        // Exact for large int32 quotients (float32 would round 2^31-1 / 1).
        assertArrayEquals(new int[] {Integer.MAX_VALUE}, h.run1("FloorDiv", attrs(), h.ints(Integer.MAX_VALUE), h.ints(1))
                .toIntArray());
    }

    @Test
    void meanOverSeveralAxesWithAndWithoutKeepDims() {
        // [1,2,3,2] of 1..12: mean over H and W per channel: channel 0 = (1+3+5+7+9+11)/6 = 6, channel 1 = 7.
        NDArray x = h.counting(1, 2, 3, 2);
        NDArray kept = h.run1("Mean", attrs().b("keep_dims", true), x, h.ints(1, 2));
        assertEquals(new Shape(1, 1, 1, 2), kept.getShape());
        assertArrayEquals(new float[] {6, 7}, kept.toFloatArray());
        NDArray dropped = h.run1("Mean", attrs().b("keep_dims", false), x, h.ints(-2, 1));
        assertEquals(new Shape(1, 2), dropped.getShape());
        assertArrayEquals(new float[] {6, 7}, dropped.toFloatArray());
        // Over H only: rows (1,2),(3,4),(5,6) and (7,8),(9,10),(11,12) -> mean of rows 0 and 1.
        assertArrayEquals(new float[] {4, 5, 6, 7, 8, 9}, h.run1("Mean", attrs(), x, h.ints(1)).toFloatArray());
    }

    @Test
    void activationsSoftmaxCastEqual() {
        NDArray x = h.floats(new float[] {-2, 0.5f, 7}, 3);
        assertArrayEquals(new float[] {0, 0.5f, 7}, h.run1("Relu", attrs(), x).toFloatArray());
        assertArrayEquals(new float[] {0, 0.5f, 6}, h.run1("Relu6", attrs(), x).toFloatArray());
        assertArrayEquals(new float[] {(float) (1 / (1 + Math.exp(2))), (float) (1 / (1 + Math.exp(-0.5))),
            (float) (1 / (1 + Math.exp(-7)))}, h.run1("Sigmoid", attrs(), x).toFloatArray(), 1e-7f);
        float[] p = h.run1("Softmax", attrs(), h.floats(new float[] {0, (float) Math.log(3)}, 1, 2)).toFloatArray();
        assertArrayEquals(new float[] {0.25f, 0.75f}, p, 1e-7f);
        NDArray eq = h.run1("Equal", attrs(), x, h.floats(new float[] {-2, 1, 7}, 3));
        NDArray cast = h.run1("Cast", attrs().type("DstT", "DT_FLOAT"), eq);
        assertArrayEquals(new float[] {1, 0, 1}, cast.toFloatArray());
        assertArrayEquals(new float[] {-1, 1.5f, 8}, h.run1("AddV2", attrs(), x, h.floats(new float[] {1}, 1)).toFloatArray());
    }

    @Test
    void reshapeExpandDimsConcat() {
        NDArray x = h.counting(2, 3);
        assertEquals(new Shape(3, 2), h.run1("Reshape", attrs(), x, h.ints(-1, 2)).getShape());
        assertEquals(new Shape(2, 3, 1), h.run1("ExpandDims", attrs(), x, h.scalar(-1)).getShape());
        assertEquals(new Shape(1, 2, 3), h.run1("ExpandDims", attrs(), x, h.scalar(0)).getShape());
        NDArray c = h.run1("ConcatV2", attrs(), x, h.counting(2, 1), h.scalar(-1));
        assertArrayEquals(new float[] {1, 2, 3, 1, 4, 5, 6, 2}, c.toFloatArray());
    }

    @Test
    void gatherAlongAnInnerAxisWithTwoDimensionalIndices() {
        // params [2,3] = {{1,2,3},{4,5,6}}, indices [[2,0],[1,1]] along axis 1 -> shape [2,2,2]:
        // row 0: [[3,1],[2,2]], row 1: [[6,4],[5,5]].
        NDArray indices = h.manager.create(new int[] {2, 0, 1, 1}, new Shape(2, 2));
        NDArray y = h.run1("GatherV2", attrs(), h.counting(2, 3), indices, h.scalar(1));
        assertEquals(new Shape(2, 2, 2), y.getShape());
        assertArrayEquals(new float[] {3, 1, 2, 2, 6, 4, 5, 5}, y.toFloatArray());
        // Axis 0, as CenterNet uses it: rows 1 and 0.
        assertArrayEquals(new float[] {4, 5, 6, 1, 2, 3},
                h.run1("GatherV2", attrs(), h.counting(2, 3), h.ints(1, 0), h.scalar(0)).toFloatArray());
    }

    @Test
    void topKGivesValuesAndInt32IndicesLargestFirst() {
        NDArray[] out = h.run("TopKV2", attrs().b("sorted", true),
                h.floats(new float[] {0.1f, 0.9f, 0.3f, 0.7f, 0.5f, 0.2f}, 2, 3), h.scalar(2));
        assertArrayEquals(new float[] {0.9f, 0.3f, 0.7f, 0.5f}, out[0].toFloatArray());
        assertEquals(DataType.INT32, out[1].getDataType());
        assertArrayEquals(new int[] {1, 2, 0, 1}, out[1].toIntArray());
    }

    @Test
    void unknownOpNamesTheOpAndTheNode() {
        TfjsModelException e = org.junit.jupiter.api.Assertions.assertThrows(TfjsModelException.class,
                () -> h.run1("NonMaxSuppressionV5", attrs(), h.counting(1)));
        assertEquals(true, e.getMessage().startsWith("TF.js model test: node node uses op NonMaxSuppressionV5, which "
                + "this executor does not implement (it implements "), e.getMessage());
    }
}
