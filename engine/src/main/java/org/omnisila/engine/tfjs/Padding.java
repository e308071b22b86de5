package org.omnisila.engine.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The spatial padding of a convolution or pooling node, as TensorFlow computes it. {@code SAME} pads
 * so that {@code out = ceil(in / stride)} and puts the odd pixel at the bottom / right (TensorFlow's
 * rule, which PyTorch's symmetric {@code padding} cannot express); {@code VALID} pads nothing;
 * {@code EXPLICIT} takes {@code explicit_paddings}.
 *
 * @param top rows added above
 * @param bottom rows added below
 * @param left columns added on the left
 * @param right columns added on the right
 */
record Padding(long top, long bottom, long left, long right) {

    static final Padding NONE = new Padding(0, 0, 0, 0);

    /**
     * @param node the node (attributes {@code padding}, {@code explicit_paddings})
     * @param in input height and width
     * @param kernel kernel height and width
     * @param stride stride along height and width
     * @param dilation dilation along height and width
     * @return the padding
     */
    static Padding of(GraphNode node, long[] in, long[] kernel, long[] stride, long[] dilation) {
        String mode = node.attrs().string("padding", "VALID");
        switch (mode) {
            case "VALID":
                return NONE;
            case "SAME": {
                long[] h = same(in[0], kernel[0], stride[0], dilation[0]);
                long[] w = same(in[1], kernel[1], stride[1], dilation[1]);
                return new Padding(h[0], h[1], w[0], w[1]);
            }
            case "EXPLICIT": {
                long[] p = node.attrs().integers("explicit_paddings", new long[0]);
                if (p.length != 8) {
                    throw new TfjsModelException("Node " + node + " has EXPLICIT padding without 8 explicit_paddings");
                }
                return new Padding(p[2], p[3], p[4], p[5]);
            }
            default:
                throw new TfjsModelException("Node " + node + " has padding " + mode + ", which is not supported");
        }
    }

    /** Before and after padding of one SAME dimension. */
    static long[] same(long in, long kernel, long stride, long dilation) {
        long effective = (kernel - 1) * dilation + 1;
        long out = (in + stride - 1) / stride;
        long total = Math.max((out - 1) * stride + effective - in, 0);
        return new long[] {total / 2, total - total / 2};
    }

    boolean isZero() {
        return top == 0 && bottom == 0 && left == 0 && right == 0;
    }

    boolean isSymmetric() {
        return top == bottom && left == right;
    }

    /**
     * @param nhwc a 4-D NHWC tensor
     * @param value the fill value
     * @return the tensor with rows and columns added
     */
    NDArray applyNhwc(NDArray nhwc, double value) {
        // constant_pad_nd takes pairs from the last dimension backwards: C, W, H.
        return nhwc.pad(new Shape(0, 0, left, right, top, bottom), value);
    }
}
