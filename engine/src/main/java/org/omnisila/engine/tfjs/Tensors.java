package org.omnisila.engine.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Small helpers the ops share: reading index tensors, TF data types, axes, layouts. */
final class Tensors {

    private Tensors() {
    }

    /** The values of an integer (or float) tensor as longs, e.g. an axis list or a shape. */
    static long[] longs(NDArray a) {
        if (a.getDataType() == DataType.INT64) {
            return a.toLongArray(); // toType would hand back a itself, and closing it would free a constant or input
        }
        try (NDArray l = a.toType(DataType.INT64, false)) {
            return l.toLongArray();
        }
    }

    /** A scalar (or one-element) integer tensor's value. */
    static long scalar(GraphNode node, NDArray a) {
        long[] v = longs(a);
        if (v.length != 1) {
            throw new TfjsModelException("Node " + node + " needs a scalar, got shape " + a.getShape());
        }
        return v[0];
    }

    /** An axis counted from the end when negative, checked against the rank. */
    static int axis(GraphNode node, long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new TfjsModelException("Node " + node + ": axis " + axis + " is outside rank " + rank);
        }
        return (int) a;
    }

    /** TensorFlow's {@code DT_*} names to DJL data types. */
    static DataType dataType(GraphNode node, String tf) {
        switch (tf) {
            case "DT_FLOAT":
                return DataType.FLOAT32;
            case "DT_DOUBLE":
                return DataType.FLOAT64;
            case "DT_INT32":
                return DataType.INT32;
            case "DT_INT64":
                return DataType.INT64;
            case "DT_BOOL":
                return DataType.BOOLEAN;
            case "DT_UINT8":
                return DataType.UINT8;
            default:
                throw new TfjsModelException("Node " + node + " uses data type " + tf
                        + ", which this executor does not support");
        }
    }

    /** The same values in a fresh row-major array (a permuted view made dense once). */
    static NDArray contiguous(NDArray a) {
        return a.reshape(-1).reshape(a.getShape());
    }

    /** NHWC to NCHW (a view). */
    static NDArray toNchw(NDArray nhwc) {
        return nhwc.transpose(0, 3, 1, 2);
    }

    /** NCHW to NHWC (a view). */
    static NDArray toNhwc(NDArray nchw) {
        return nchw.transpose(0, 2, 3, 1);
    }

    /** Fails unless the node's {@code data_format} attribute is NHWC (TF.js graphs always are). */
    static void requireNhwc(GraphNode node) {
        String format = node.attrs().string("data_format", "NHWC");
        if (!format.equals("NHWC")) {
            throw new TfjsModelException("Node " + node + " has data_format " + format
                    + "; this executor runs NHWC graphs only");
        }
    }

    /** Fails unless the array is 4-D. */
    static void require4d(GraphNode node, NDArray a) {
        if (a.getShape().dimension() != 4) {
            throw new TfjsModelException("Node " + node + " needs a 4-D NHWC tensor, got shape " + a.getShape());
        }
    }
}
