package org.omnisila.engine.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/** Reshape, ExpandDims, Squeeze, ConcatV2, GatherV2 and TopKV2. */
final class ShapeOps {

    private ShapeOps() {
    }

    static void register(OpRegistry r) {
        r.register("Reshape", TfOp.of((node, in) -> in[0].reshape(new Shape(Tensors.longs(in[1])))));
        r.register("ExpandDims", TfOp.of((node, in) -> {
            int rank = in[0].getShape().dimension();
            return in[0].expandDims(Tensors.axis(node, Tensors.scalar(node, in[1]), rank + 1));
        }));
        r.register("Squeeze", TfOp.of(ShapeOps::squeeze));
        r.register("ConcatV2", TfOp.of(ShapeOps::concat));
        r.register("GatherV2", TfOp.of(ShapeOps::gather));
        r.register("TopKV2", ShapeOps::topK);
    }

    private static NDArray squeeze(GraphNode node, NDArray[] in) {
        long[] dims = node.attrs().integers("squeeze_dims", node.attrs().integers("axis", new long[0]));
        if (dims.length == 0) {
            return in[0].squeeze();
        }
        int rank = in[0].getShape().dimension();
        return in[0].squeeze(Arrays.stream(dims).mapToInt(d -> Tensors.axis(node, d, rank)).toArray());
    }

    /** Inputs 0..N-1 joined along the axis given by input N. */
    private static NDArray concat(GraphNode node, NDArray[] in) {
        int n = in.length - 1;
        int axis = Tensors.axis(node, Tensors.scalar(node, in[n]), in[0].getShape().dimension());
        return NDArrays.concat(new NDList(Arrays.copyOf(in, n)), axis);
    }

    /**
     * params.shape[:axis] + indices.shape + params.shape[axis + 1:], taking the slices of params along the
     * axis that the indices name ({@code batch_dims} 0 only).
     */
    private static NDArray gather(GraphNode node, NDArray[] in) {
        NDArray params = in[0];
        NDArray indices = in[1];
        if (node.attrs().integer("batch_dims", 0) != 0) {
            throw new TfjsModelException("Node " + node + " gathers with batch_dims != 0, which is not supported");
        }
        Shape ps = params.getShape();
        int axis = Tensors.axis(node, in.length > 2 ? Tensors.scalar(node, in[2]) : 0, ps.dimension());
        NDArray flat = indices.toType(DataType.INT64, false).reshape(-1);
        NDArray taken = params.get(new NDIndex(":,".repeat(axis) + "{}", flat));
        long[] out = new long[ps.dimension() - 1 + indices.getShape().dimension()];
        int k = 0;
        for (int d = 0; d < axis; d++) {
            out[k++] = ps.get(d);
        }
        for (long d : indices.getShape().getShape()) {
            out[k++] = d;
        }
        for (int d = axis + 1; d < ps.dimension(); d++) {
            out[k++] = ps.get(d);
        }
        return taken.reshape(new Shape(out));
    }

    /**
     * The k largest values along the last axis, largest first, and their int32 indices. Ties keep no
     * particular order (TF.js puts the lower index first).
     */
    private static NDArray[] topK(GraphNode node, NDArray[] in) {
        int k = (int) Tensors.scalar(node, in[1]);
        NDList top = in[0].topK(k, -1, true, true);
        return new NDArray[] {top.get(0), top.get(1).toType(DataType.INT32, false)};
    }
}
