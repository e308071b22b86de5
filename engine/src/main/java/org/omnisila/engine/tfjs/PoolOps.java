package org.omnisila.engine.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * MaxPool on PyTorch's max_pool2d, NHWC in and out. SAME padding is added explicitly with -infinity, so
 * padded cells never win, as in TensorFlow.
 */
final class PoolOps {

    private PoolOps() {
    }

    static void register(OpRegistry r) {
        r.register("MaxPool", TfOp.of(PoolOps::maxPool));
    }

    private static NDArray maxPool(GraphNode node, NDArray[] in) {
        Tensors.requireNhwc(node);
        NDArray x = in[0];
        Tensors.require4d(node, x);
        long[] k = node.attrs().integers("ksize", null);
        long[] s = node.attrs().integers("strides", new long[] {1, 1, 1, 1});
        if (k == null || k.length != 4 || k[0] != 1 || k[3] != 1) {
            throw new TfjsModelException("Node " + node + " needs ksize [1, h, w, 1]");
        }
        Padding pad = Padding.of(node, new long[] {x.getShape().get(1), x.getShape().get(2)},
                new long[] {k[1], k[2]}, new long[] {s[1], s[2]}, new long[] {1, 1});
        if (!pad.isZero()) {
            x = pad.applyNhwc(x, Double.NEGATIVE_INFINITY);
        }
        NDArray y = Pool.maxPool2d(Tensors.toNchw(x), new Shape(k[1], k[2]), new Shape(s[1], s[2]), new Shape(0, 0),
                false);
        return Tensors.toNhwc(y);
    }
}
