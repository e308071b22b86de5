package org.omnisila.engine.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * ResizeBilinear as TensorFlow (and TF.js's CPU kernel) computes it, for the three coordinate
 * conventions: the legacy one (source = dst * in / out; both attributes false), {@code align_corners}
 * (corners map to corners) and {@code half_pixel_centers} (source = (dst + 0.5) * in / out - 0.5).
 * PyTorch's interpolate has no legacy mode, so rows and columns are gathered and blended here: first
 * along the width, then along the height, as TF.js does.
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
        NDManager m = images.getManager();
        NDArray x = images.toType(DataType.FLOAT32, false);
        Axis rows = Axis.of(s.get(1), height, alignCorners, halfPixelCenters);
        Axis cols = Axis.of(s.get(2), width, alignCorners, halfPixelCenters);
        NDArray colFrac = m.create(cols.frac, new Shape(1, 1, width, 1)).toDevice(x.getDevice(), false);
        NDArray rowFrac = m.create(rows.frac, new Shape(1, height, 1, 1)).toDevice(x.getDevice(), false);
        NDArray top = x.get(new NDIndex(":, {}", index(m, x, rows.lo)));
        NDArray bottom = x.get(new NDIndex(":, {}", index(m, x, rows.hi)));
        top = lerpColumns(m, top, cols, colFrac);
        bottom = lerpColumns(m, bottom, cols, colFrac);
        return top.add(bottom.sub(top).mul(rowFrac));
    }

    private static NDArray lerpColumns(NDManager m, NDArray rows, Axis cols, NDArray colFrac) {
        NDArray left = rows.get(new NDIndex(":, :, {}", index(m, rows, cols.lo)));
        NDArray right = rows.get(new NDIndex(":, :, {}", index(m, rows, cols.hi)));
        return left.add(right.sub(left).mul(colFrac));
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
