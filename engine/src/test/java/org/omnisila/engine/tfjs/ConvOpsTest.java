package org.omnisila.engine.tfjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.omnisila.engine.tfjs.OpHarness.attrs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Convolutions on tiny inputs, every expected value worked out by hand (see each comment). */
class ConvOpsTest {

    private final OpHarness h = new OpHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private NDArray ones3x3() {
        return h.floats(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, 3, 3, 1, 1);
    }

    private OpHarness.Attrs conv(String padding, long stride) {
        return attrs().s("padding", padding).ints("strides", 1, stride, stride, 1).s("data_format", "NHWC");
    }

    @Test
    void sameOnAnEvenSizePadsOnlyBottomAndRight() {
        // 4x4 of 1..16, 3x3 of ones, stride 2: out 2x2, total padding 1 per axis, all of it after.
        //  1  2  3  4     out[0][0] = 1+2+3+5+6+7+9+10+11 = 54     out[0][1] = 3+4+7+8+11+12 = 45
        //  5  6  7  8     out[1][0] = 9+10+11+13+14+15 = 72        out[1][1] = 11+12+15+16 = 54
        //  9 10 11 12     (PyTorch's symmetric padding would give 1+2+5+6 = 14 at [0][0])
        // 13 14 15 16
        NDArray y = h.run1("Conv2D", conv("SAME", 2), h.counting(1, 4, 4, 1), ones3x3());
        assertEquals(new Shape(1, 2, 2, 1), y.getShape());
        assertArrayEquals(new float[] {54, 45, 72, 54}, y.toFloatArray());
    }

    @Test
    void sameOnAnOddSizePadsBothSides() {
        // 5x5 of 1..25, 3x3 of ones, stride 2: out 3x3, total padding 2 = 1 before + 1 after.
        // [0][0] = 1+2+6+7 = 16; [1][1] = 7+8+9+12+13+14+17+18+19 = 117; [2][2] = 19+20+24+25 = 88.
        NDArray y = h.run1("Conv2D", conv("SAME", 2), h.counting(1, 5, 5, 1), ones3x3());
        float[] v = y.toFloatArray();
        assertEquals(new Shape(1, 3, 3, 1), y.getShape());
        assertEquals(16, v[0]);
        assertEquals(117, v[4]);
        assertEquals(88, v[8]);
    }

    @Test
    void sameWithAnEvenKernelAndStrideOne() {
        // 2x2 kernel of ones on 4x4: total padding 1, after. out[y][x] = v(y,x) + v(y,x+1) + v(y+1,x) + v(y+1,x+1).
        NDArray y = h.run1("Conv2D", conv("SAME", 1), h.counting(1, 4, 4, 1), h.floats(new float[] {1, 1, 1, 1}, 2, 2, 1, 1));
        float[] v = y.toFloatArray();
        assertEquals(1 + 2 + 5 + 6, v[0]);
        assertEquals(4 + 8, v[3]);
        assertEquals(13 + 14, v[12]);
        assertEquals(16, v[15]);
    }

    @Test
    void validAndDilation() {
        // VALID 3x3 on 5x5: 3x3 output, [0][0] = 1+2+3+6+7+8+11+12+13 = 63.
        assertEquals(63, h.run1("Conv2D", conv("VALID", 1), h.counting(1, 5, 5, 1), ones3x3()).toFloatArray()[0]);
        // Dilation 2, SAME on 5x5: effective kernel 5, padding 2 + 2; centre = rows and columns {0,2,4}:
        // 1+3+5+11+13+15+21+23+25 = 117.
        NDArray y = h.run1("Conv2D", conv("SAME", 1).ints("dilations", 1, 2, 2, 1), h.counting(1, 5, 5, 1), ones3x3());
        assertEquals(new Shape(1, 5, 5, 1), y.getShape());
        assertEquals(117, y.toFloatArray()[12]);
    }

    @Test
    void filterIsReadAsHwio() {
        // 1x1 conv, 2 in, 3 out: w[0][0][ci][co] = {{1,2,3},{10,20,30}}; pixel (1, 2) -> (21, 42, 63).
        NDArray w = h.floats(new float[] {1, 2, 3, 10, 20, 30}, 1, 1, 2, 3);
        NDArray y = h.run1("Conv2D", conv("VALID", 1), h.floats(new float[] {1, 2}, 1, 1, 1, 2), w);
        assertArrayEquals(new float[] {21, 42, 63}, y.toFloatArray());
    }

    @Test
    void depthwiseOutputChannelIsInputTimesMultiplierPlusM() {
        // Filter [1,1,C=2,M=2] = {{1,2},{10,20}}; pixel (3, 5) -> channels c*2+m: 3, 6, 50, 100.
        NDArray w = h.floats(new float[] {1, 2, 10, 20}, 1, 1, 2, 2);
        NDArray y = h.run1("DepthwiseConv2dNative", conv("VALID", 1), h.floats(new float[] {3, 5}, 1, 1, 1, 2), w);
        assertArrayEquals(new float[] {3, 6, 50, 100}, y.toFloatArray());
    }

    @Test
    void depthwiseSameStrideTwoKeepsChannelsApart() {
        // Two channels: 1..16 and 100x that, 3x3 ones per channel, stride 2 SAME on 4x4 (padding after).
        float[] v = new float[32];
        for (int i = 0; i < 16; i++) {
            v[2 * i] = i + 1;
            v[2 * i + 1] = 100 * (i + 1);
        }
        float[] ones = new float[18];
        java.util.Arrays.fill(ones, 1);
        NDArray y = h.run1("DepthwiseConv2dNative", conv("SAME", 2), h.floats(v, 1, 4, 4, 2), h.floats(ones, 3, 3, 2, 1));
        assertArrayEquals(new float[] {54, 5400, 45, 4500, 72, 7200, 54, 5400}, y.toFloatArray());
    }

    @Test
    void fusedBiasAddThenRelu6() {
        // (21, 42, 63) + (-30, 5, -60) = (-9, 47, 3) -> Relu6 -> (0, 6, 3).
        NDArray w = h.floats(new float[] {1, 2, 3, 10, 20, 30}, 1, 1, 2, 3);
        NDArray y = h.run1("_FusedConv2D", conv("VALID", 1).strings("fused_ops", "BiasAdd", "Relu6").i("num_args", 1),
                h.floats(new float[] {1, 2}, 1, 1, 1, 2), w, h.floats(new float[] {-30, 5, -60}, 3));
        assertArrayEquals(new float[] {0, 6, 3}, y.toFloatArray());
    }

    @Test
    void fusedBatchNormAndLeakyRelu() {
        // 1x1 identity filter on (4, -8): (x - mean) * scale / sqrt(var + eps) + offset with scale (2, 1),
        // offset (1, 0), mean (2, 0), var (3, 4), eps 1: (4-2)*2/2+1 = 3; (-8)*1/sqrt(5) = -3.5777;
        // LeakyRelu 0.1 -> (3, -0.35777).
        NDArray w = h.floats(new float[] {1, 0, 0, 1}, 1, 1, 2, 2);
        NDArray y = h.run1("_FusedConv2D", conv("VALID", 1).strings("fused_ops", "FusedBatchNorm", "LeakyRelu")
                .i("num_args", 4).f("epsilon", 1).f("leakyrelu_alpha", 0.1), h.floats(new float[] {4, -8}, 1, 1, 1, 2),
                w, h.floats(new float[] {2, 1}, 2), h.floats(new float[] {1, 0}, 2), h.floats(new float[] {2, 0}, 2),
                h.floats(new float[] {3, 4}, 2));
        assertArrayEquals(new float[] {3, (float) (-0.8 / Math.sqrt(5))}, y.toFloatArray(), 1e-6f);
    }

    @Test
    void fusedDepthwisePrelu() {
        // Depthwise 1x1 with filter (1, 1), bias (0, 0), Prelu slopes (0.5, 0.25) on (-4, -4) -> (-2, -1).
        NDArray y = h.run1("FusedDepthwiseConv2dNative", conv("VALID", 1).strings("fused_ops", "BiasAdd", "Prelu")
                .i("num_args", 2), h.floats(new float[] {-4, -4}, 1, 1, 1, 2), h.floats(new float[] {1, 1}, 1, 1, 2, 1),
                h.floats(new float[] {0, 0}, 2), h.floats(new float[] {0.5f, 0.25f}, 2));
        assertArrayEquals(new float[] {-2, -1}, y.toFloatArray());
    }

    @Test
    void nchwGraphsAreRefusedWithTheNodeName() {
        TfjsModelException e = org.junit.jupiter.api.Assertions.assertThrows(TfjsModelException.class,
                () -> h.run1("Conv2D", conv("VALID", 1).s("data_format", "NCHW"), h.counting(1, 1, 3, 3), ones3x3()));
        assertEquals("Node node (op Conv2D) has data_format NCHW; this executor runs NHWC graphs only", e.getMessage());
    }
}
