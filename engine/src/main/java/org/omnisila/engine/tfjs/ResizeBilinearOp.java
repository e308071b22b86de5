package org.omnisila.engine.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * ResizeBilinear as TensorFlow (and TF.js's CPU kernel) computes it, for the three coordinate
 * conventions: the legacy one (source = dst * in / out; both attributes false), {@code align_corners}
 * (corners map to corners) and {@code half_pixel_centers} (source = (dst + 0.5) * in / out - 0.5).
 * PyTorch's interpolate has no legacy mode, so columns and rows are gathered and blended here: first
 * along the width, then along the height, with TF.js's formula {@code a + (b - a) * frac}.
 */
public final class ResizeBilinearOp implements TfOp {

    @Override
    public NDArray[] run(GraphNode node, NDArray[] in) {
        Tensors.require4d(node, in[0]);
        long[] size = Tensors.longs(in[1]);
        if (size.length != 2 || size[0] < 1 || size[1] < 1) {
            throw new TfjsModelException("Node " + node + " needs a size of two positive numbers");
        }
        return new NDArray[] {resize(in[0], (int) size[0], (int) size[1],
                node.attrs().bool("align_corners", false), node.attrs().bool("half_pixel_centers", false))};
    }

    /**
     * @param images NHWC, float
     * @param height output rows
     * @param width output columns
     * @param alignCorners TensorFlow's {@code align_corners}
     * @param halfPixelCenters TensorFlow's {@code half_pixel_centers}
     * @return NHWC images of the new size, float32
     */
    public static NDArray resize(NDArray images, int height, int width, boolean alignCorners,
            boolean halfPixelCenters) {
        Shape s = images.getShape();
        NDArray x = images.toType(DataType.FLOAT32, false);
        NDArray columns = along(x, 2, Axis.of(s.get(2), width, alignCorners, halfPixelCenters));
        return along(columns, 1, Axis.of(s.get(1), height, alignCorners, halfPixelCenters));
    }

    /**
     * Blends along one axis: {@code in[lo] + (in[hi] - in[lo]) * frac}, TF.js's formula. Doubling in the
     * legacy convention (every output pixel either a source pixel or the midpoint of two) is done with
     * whole-tensor operations instead of gathers: same values, several times faster.
     */
    private static NDArray along(NDArray x, int axis, Axis a) {
        long n = x.getShape().get(axis);
        if (a.isLegacyDoubling(n)) {
            NDArray next = NDArrays.concat(new NDList(x.get(NDIndex.sliceAxis(axis, 1, n)),
                    x.get(NDIndex.sliceAxis(axis, n - 1, n))), axis);
            NDArray mid = x.add(next.sub(x).mul(0.5f));
            long[] doubled = x.getShape().getShape();
            doubled[axis] *= 2;
            return NDArrays.stack(new NDList(x, mid), axis + 1).reshape(new Shape(doubled));
        }
        NDManager m = x.getManager();
        long[] fracShape = {1, 1, 1, 1};
        fracShape[axis] = a.frac.length;
        NDArray frac = m.create(a.frac, new Shape(fracShape)).toDevice(x.getDevice(), false);
        String prefix = ":, ".repeat(axis);
        NDArray lo = x.get(new NDIndex(prefix + "{}", index(m, x, a.lo)));
        NDArray hi = x.get(new NDIndex(prefix + "{}", index(m, x, a.hi)));
        return lo.add(hi.sub(lo).mul(frac));
    }

    private static NDArray index(NDManager m, NDArray like, long[] indices) {
        return m.create(indices).toDevice(like.getDevice(), false);
    }

    /** Source indices and blend weights along one axis, as TF.js's CPU kernel computes them. */
    private static final class Axis {
        final long[] lo;
        final long[] hi;
        final float[] frac;

        private Axis(int n) {
            lo = new long[n];
            hi = new long[n];
            frac = new float[n];
        }

        /** Whether output 2i is input i and output 2i + 1 the midpoint of inputs i and min(i + 1, n - 1). */
        boolean isLegacyDoubling(long in) {
            if (frac.length != 2 * in) {
                return false;
            }
            for (int i = 0; i < frac.length; i++) {
                long src = i / 2;
                boolean odd = i % 2 == 1;
                if (lo[i] != src || hi[i] != (odd ? Math.min(src + 1, in - 1) : src) || frac[i] != (odd ? 0.5f : 0f)) {
                    return false;
                }
            }
            return true;
        }

        static Axis of(long in, int out, boolean alignCorners, boolean halfPixelCenters) {
            boolean align = alignCorners && out > 1;
            double ratio = (double) (align ? in - 1 : in) / (align ? out - 1 : out);
            Axis a = new Axis(out);
            for (int i = 0; i < out; i++) {
                double source = halfPixelCenters ? ratio * (i + 0.5) - 0.5 : ratio * i;
                long floor = Math.max(0, (long) Math.floor(source));
                a.lo[i] = floor;
                a.hi[i] = Math.min(in - 1, (long) Math.ceil(source));
                a.frac[i] = (float) (source - floor);
            }
            return a;
        }
    }
}
