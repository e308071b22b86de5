package org.omnisila.engine.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.function.BinaryOperator;

/**
 * Element-wise arithmetic and comparison (with NumPy broadcasting, as TensorFlow's), activations, Cast,
 * Identity, Softmax and Mean.
 */
final class MathOps {

    private MathOps() {
    }

    static void register(OpRegistry r) {
        binary(r, "Add", NDArray::add);
        binary(r, "AddV2", NDArray::add);
        binary(r, "Sub", NDArray::sub);
        binary(r, "Mul", NDArray::mul);
        binary(r, "RealDiv", NDArray::div);
        binary(r, "Maximum", NDArray::maximum);
        binary(r, "Minimum", NDArray::minimum);
        binary(r, "FloorDiv", MathOps::floorDiv);
        binary(r, "FloorMod", NDArray::mod); // PyTorch's remainder: the sign of the divisor, as FloorMod
        binary(r, "Equal", NDArray::eq);
        for (String activation : new String[] {"Relu", "Relu6", "Elu", "Sigmoid", "Tanh", "LeakyRelu"}) {
            r.register(activation, TfOp.of((node, in) -> Activations.apply(node, activation, in[0], null)));
        }
        r.register("Identity", (node, in) -> new NDArray[] {in[0]});
        r.register("Softmax", TfOp.of((node, in) -> in[0].softmax(-1)));
        r.register("Cast", TfOp.of((node, in) -> in[0].toType(
                Tensors.dataType(node, node.attrs().type("DstT", "DT_FLOAT")), false)));
        r.register("Mean", TfOp.of(MathOps::mean));
    }

    private static void binary(OpRegistry r, String op, BinaryOperator<NDArray> f) {
        r.register(op, TfOp.of((node, in) -> f.apply(in[0], in[1])));
    }

    /**
     * floor(a / b). Integers go through float64, which is exact for every int32 quotient (PyTorch's
     * division of integers would give float32).
     */
    static NDArray floorDiv(NDArray a, NDArray b) {
        if (a.getDataType().isInteger()) {
            return a.toType(DataType.FLOAT64, false).div(b.toType(DataType.FLOAT64, false)).floor()
                    .toType(a.getDataType(), false);
        }
        return a.div(b).floor();
    }

    /**
     * Mean over the axes of input 1, {@code keep_dims} as the attribute says. Several axes are moved to
     * the end and flattened into one (PyTorch's engine in DJL takes one axis per mean).
     */
    private static NDArray mean(GraphNode node, NDArray[] in) {
        NDArray x = in[0];
        int rank = x.getShape().dimension();
        boolean keep = node.attrs().bool("keep_dims", false);
        boolean[] reduced = new boolean[rank];
        for (long a : Tensors.longs(in[1])) {
            reduced[Tensors.axis(node, a, rank)] = true;
        }
        int[] order = new int[rank];
        int n = 0;
        long[] kept = new long[rank];
        long[] keptDims = new long[rank];
        int k = 0;
        for (int d = 0; d < rank; d++) {
            if (!reduced[d]) {
                order[n++] = d;
                kept[k++] = x.getShape().get(d);
            }
            keptDims[d] = reduced[d] ? 1 : x.getShape().get(d);
        }
        int keptCount = n;
        for (int d = 0; d < rank; d++) {
            if (reduced[d]) {
                order[n++] = d;
            }
        }
        if (keptCount == rank) {
            return x;
        }
        long[] flat = Arrays.copyOf(kept, keptCount + 1);
        flat[keptCount] = -1;
        NDArray m = x.transpose(order).reshape(new Shape(flat)).mean(new int[] {keptCount});
        return m.reshape(new Shape(keep ? keptDims : Arrays.copyOf(kept, keptCount)));
    }
}
