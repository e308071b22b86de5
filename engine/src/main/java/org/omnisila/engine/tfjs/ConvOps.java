package org.omnisila.engine.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.List;

/**
 * Conv2D, DepthwiseConv2dNative and their fused forms (_FusedConv2D, FusedDepthwiseConv2dNative) on
 * PyTorch's conv2d.
 *
 * <p>Layout: activations stay NHWC (TensorFlow's) between ops; each convolution transposes its input to
 * NCHW as a view (PyTorch treats it as channels-last memory) and its output back. Filters are re-laid-out
 * once at load time: Conv2D's HWIO becomes OIHW; a depthwise filter [H, W, C, M] becomes
 * [C * M, 1, H, W] and runs with {@code groups = C}, which gives output channel c * M + m as TensorFlow
 * does. Asymmetric SAME padding is added explicitly before the kernel ({@link Padding}).
 *
 * <p>Fused ops ({@code fused_ops}): the first is BiasAdd (the kernel's bias) or FusedBatchNorm
 * (scale, offset, mean, variance, {@code epsilon}); an optional second is an activation
 * ({@link Activations}; Prelu takes its slopes from the second argument).
 */
final class ConvOps {

    private ConvOps() {
    }

    static void register(OpRegistry r) {
        r.register("Conv2D", new Conv(false, false));
        r.register("_FusedConv2D", new Conv(false, true));
        r.register("DepthwiseConv2dNative", new Conv(true, false));
        r.register("FusedDepthwiseConv2dNative", new Conv(true, true));
    }

    private record Conv(boolean depthwise, boolean fused) implements TfOp {

        @Override
        public GraphNode prepare(GraphNode node, Constants constants) {
            Tensors.requireNhwc(node);
            TensorRef filter = node.input(1);
            if (!constants.has(filter)) {
                throw new TfjsModelException("Node " + node + " reads its filter from " + filter
                        + ", which is not a constant; only constant filters are supported");
            }
            TensorRef laidOut = depthwise
                    ? constants.derive(filter, "C*M,1,H,W", w -> Tensors.contiguous(
                            w.transpose(2, 3, 0, 1)).reshape(w.getShape().get(2) * w.getShape().get(3), 1,
                                    w.getShape().get(0), w.getShape().get(1)))
                    : constants.derive(filter, "OIHW", w -> Tensors.contiguous(w.transpose(3, 2, 0, 1)));
            return node.withInput(1, laidOut);
        }

        @Override
        public NDArray[] run(GraphNode node, NDArray[] in) {
            NDArray x = in[0];
            NDArray w = in[1];
            Tensors.require4d(node, x);
            long[] strides = node.attrs().integers("strides", new long[] {1, 1, 1, 1});
            long[] dilations = node.attrs().integers("dilations", new long[] {1, 1, 1, 1});
            long[] stride = {strides[1], strides[2]};
            long[] dilation = {dilations[1], dilations[2]};
            Shape xs = x.getShape();
            Padding pad = Padding.of(node, new long[] {xs.get(1), xs.get(2)},
                    new long[] {w.getShape().get(2), w.getShape().get(3)}, stride, dilation);
            List<String> fusedOps = fused ? node.attrs().strings("fused_ops") : List.of();
            NDArray bias = !fusedOps.isEmpty() && fusedOps.get(0).equals("BiasAdd") ? in[2] : null;
            NDArray y = convolve(x, w, bias, pad, stride, dilation, depthwise ? (int) xs.get(3) : 1);
            return new NDArray[] {fused ? applyFused(node, fusedOps, y, in) : y};
        }
    }

    /**
     * @param x NHWC input
     * @param w OIHW filter (depthwise: [C * M, 1, H, W])
     * @param bias per output channel, or null
     * @return NHWC output
     */
    static NDArray convolve(NDArray x, NDArray w, NDArray bias, Padding pad, long[] stride, long[] dilation,
            int groups) {
        Shape symmetric = new Shape(0, 0);
        if (pad.isSymmetric()) {
            symmetric = new Shape(pad.top(), pad.left());
        } else {
            x = pad.applyNhwc(x, 0);
        }
        NDArray y = Conv2d.conv2d(Tensors.toNchw(x), w, bias, new Shape(stride), symmetric, new Shape(dilation), groups)
                .singletonOrThrow();
        return Tensors.toNhwc(y);
    }

    private static NDArray applyFused(GraphNode node, List<String> fusedOps, NDArray y, NDArray[] in) {
        if (fusedOps.isEmpty() || fusedOps.size() > 2) {
            throw new TfjsModelException("Node " + node + " has fused_ops " + fusedOps
                    + "; one of BiasAdd / FusedBatchNorm, then at most one activation, is supported");
        }
        int args = in.length - 2;
        switch (fusedOps.get(0)) {
            case "BiasAdd":
                break; // added by the kernel
            case "FusedBatchNorm":
                if (args < 4) {
                    throw new TfjsModelException("Node " + node + " fuses FusedBatchNorm with " + args
                            + " arguments; 4 are needed (scale, offset, mean, variance)");
                }
                float epsilon = node.attrs().number("epsilon", 0.001f);
                y = y.sub(in[4]).mul(in[2].div(in[5].add(epsilon).sqrt())).add(in[3]);
                break;
            default:
                throw new TfjsModelException("Node " + node + " fuses " + fusedOps.get(0)
                        + ", which this executor does not implement (BiasAdd, FusedBatchNorm)");
        }
        if (fusedOps.size() == 1) {
            return y;
        }
        String activation = fusedOps.get(1);
        NDArray alpha = activation.equals("Prelu") && args >= 2 ? in[3] : null;
        return Activations.apply(node, activation, y, alpha);
    }
}
