package org.omnisila.engine.tfjs;

import java.util.ArrayList;
import java.util.List;

/**
 * What a StridedSlice selects, worked out from its begin / end / strides and five masks the way
 * TensorFlow does (ValidateStridedSliceOp): the sparse spec is expanded to one entry per input dimension
 * (an ellipsis covers the dimensions nobody names; without one, an ellipsis is implied at the end), each
 * begin / end is made non-negative and clamped, masked ones take the whole range in the stride's
 * direction, and shrunk dimensions are dropped while new axes are inserted in the output shape.
 *
 * @param start first index taken, per input dimension
 * @param step signed stride, per input dimension
 * @param length elements taken, per input dimension
 * @param outputShape the result's shape (shrunk dimensions removed, new axes as 1)
 */
record SliceSpec(long[] start, long[] step, long[] length, long[] outputShape) {

    private static final int NEW_AXIS = -1;
    private static final int SHRINK = -2;

    /**
     * @param node the node, for messages
     * @param shape the input's dimensions
     * @param begin begin, one per sparse entry
     * @param end end, one per sparse entry
     * @param strides strides, one per sparse entry
     * @param masks begin, end, ellipsis, new-axis and shrink-axis masks, in that order
     * @return the slice
     */
    static SliceSpec of(GraphNode node, long[] shape, long[] begin, long[] end, long[] strides, long[] masks) {
        long beginMask = masks[0];
        long endMask = masks[1];
        long ellipsisMask = masks[2];
        long newAxisMask = masks[3];
        long shrinkMask = masks[4];
        int sparse = begin.length;
        if (end.length != sparse || strides.length != sparse) {
            throw new TfjsModelException("Node " + node + ": begin, end and strides differ in length");
        }
        if (Long.bitCount(ellipsisMask) > 1) {
            throw new TfjsModelException("Node " + node + " has more than one ellipsis");
        }
        if (ellipsisMask == 0) { // an implied ellipsis after the last entry
            ellipsisMask = 1L << sparse;
            sparse++;
        }
        int ellipsisAt = Long.numberOfTrailingZeros(ellipsisMask);
        int newAxesAfterEllipsis = 0;
        for (int i = ellipsisAt + 1; i < sparse; i++) {
            if ((newAxisMask >> i & 1) != 0) {
                newAxesAfterEllipsis++;
            }
        }
        int rank = shape.length;
        long[] start = new long[rank];
        long[] step = new long[rank];
        long[] length = new long[rank];
        List<Integer> gather = new ArrayList<>();
        int full = 0;
        for (int i = 0; i < sparse; i++) {
            if ((ellipsisMask >> i & 1) != 0) {
                int next = Math.min(rank - (sparse - i) + 1 + newAxesAfterEllipsis, rank);
                for (; full < next; full++) {
                    start[full] = 0;
                    step[full] = 1;
                    length[full] = shape[full];
                    gather.add(full);
                }
            } else if ((newAxisMask >> i & 1) != 0) {
                gather.add(NEW_AXIS);
            } else {
                if (full >= rank) {
                    throw new TfjsModelException("Node " + node + " slices " + sparse + " dimensions of a rank-"
                            + rank + " tensor");
                }
                boolean shrink = (shrinkMask >> i & 1) != 0;
                dimension(node, full, shape[full], begin[i], end[i], strides[i], (beginMask >> i & 1) != 0,
                        (endMask >> i & 1) != 0, shrink, start, step, length);
                gather.add(shrink ? SHRINK : full);
                full++;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int g : gather) {
            if (g == NEW_AXIS) {
                out.add(1L);
            } else if (g != SHRINK) {
                out.add(length[g]);
            }
        }
        return new SliceSpec(start, step, length, out.stream().mapToLong(Long::longValue).toArray());
    }

    private static void dimension(GraphNode node, int d, long dim, long begin, long end, long stride,
            boolean beginMasked, boolean endMasked, boolean shrink, long[] start, long[] step, long[] length) {
        if (stride == 0) {
            throw new TfjsModelException("Node " + node + " has stride 0 in dimension " + d);
        }
        if (shrink) {
            long x = begin < 0 ? dim + begin : begin;
            if (x < 0 || x >= dim || stride < 0) {
                throw new TfjsModelException("Node " + node + " takes index " + begin + " of dimension " + d
                        + " (size " + dim + ")");
            }
            start[d] = x;
            step[d] = 1;
            length[d] = 1;
            return;
        }
        long lo = stride > 0 ? 0 : -1;
        long hi = stride > 0 ? dim : dim - 1;
        long b = beginMasked ? (stride > 0 ? lo : hi) : clamp(begin < 0 ? dim + begin : begin, lo, hi);
        long e = endMasked ? (stride > 0 ? hi : lo) : clamp(end < 0 ? dim + end : end, lo, hi);
        long n = stride > 0 ? (e - b + stride - 1) / stride : (b - e - stride - 1) / -stride;
        start[d] = b;
        step[d] = stride;
        length[d] = Math.max(0, n);
    }

    private static long clamp(long x, long lo, long hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
