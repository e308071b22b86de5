package org.omnisila.engine.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.stream.IntStream;

/**
 * StridedSlice with all five masks ({@link SliceSpec}). Dimensions with a negative stride are flipped
 * first (PyTorch slices only forwards); the result is reshaped to drop shrunk axes and add new ones.
 */
final class StridedSliceOp implements TfOp {

    @Override
    public NDArray[] run(GraphNode node, NDArray[] in) {
        NDArray x = in[0];
        long[] shape = x.getShape().getShape();
        long[] masks = {
            node.attrs().integer("begin_mask", 0), node.attrs().integer("end_mask", 0),
            node.attrs().integer("ellipsis_mask", 0), node.attrs().integer("new_axis_mask", 0),
            node.attrs().integer("shrink_axis_mask", 0),
        };
        SliceSpec spec = SliceSpec.of(node, shape, Tensors.longs(in[1]), Tensors.longs(in[2]), Tensors.longs(in[3]),
                masks);
        return new NDArray[] {apply(x, spec)};
    }

    static NDArray apply(NDArray x, SliceSpec spec) {
        long[] shape = x.getShape().getShape();
        int[] backwards = IntStream.range(0, shape.length).filter(d -> spec.step()[d] < 0).toArray();
        if (backwards.length > 0) {
            x = x.flip(backwards);
        }
        NDIndex index = new NDIndex();
        for (int d = 0; d < shape.length; d++) {
            long step = Math.abs(spec.step()[d]);
            long first = spec.step()[d] < 0 ? shape[d] - 1 - spec.start()[d] : spec.start()[d];
            long n = spec.length()[d];
            if (n == 0) {
                index.addSliceDim(0, 0);
            } else {
                index.addSliceDim(first, first + (n - 1) * step + 1, step);
            }
        }
        return x.get(index).reshape(new Shape(spec.outputShape()));
    }
}
