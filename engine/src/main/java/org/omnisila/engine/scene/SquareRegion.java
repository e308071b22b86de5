package org.omnisila.engine.scene;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * An axis-aligned square of a source image, in source pixels, that a model sees resized to {@code size x size}.
 * Parts outside the image are black: for the whole frame this is MediaPipe's letterbox (keep the aspect ratio,
 * pad with zeros), for a person or a face box it is a square crop around it.
 *
 * @param centreX centre, source pixels
 * @param centreY centre, source pixels
 * @param side    side, source pixels; &gt; 0
 */
public record SquareRegion(double centreX, double centreY, double side) {

    public SquareRegion {
        if (!(side > 0) || !Double.isFinite(centreX) || !Double.isFinite(centreY)) {
            throw new IllegalArgumentException("a square needs a finite centre and a positive side, got ("
                    + centreX + ", " + centreY + ") side " + side);
        }
    }

    /** The whole image, letterboxed: the square of side max(width, height) centred on the image. */
    public static SquareRegion letterbox(int width, int height) {
        return new SquareRegion(width / 2.0, height / 2.0, Math.max(width, height));
    }

    /** The square centred on a box, of side {@code max(w, h) * scale}. */
    public static SquareRegion around(double x1, double y1, double x2, double y2, double scale) {
        return new SquareRegion((x1 + x2) / 2, (y1 + y2) / 2, Math.max(x2 - x1, y2 - y1) * scale);
    }

    /** Source x of a point at {@code u} (0..1 across the square). */
    public double sourceX(double u) {
        return centreX - side / 2 + u * side;
    }

    /** Source y of a point at {@code v} (0..1 down the square). */
    public double sourceY(double v) {
        return centreY - side / 2 + v * side;
    }

    /**
     * @param image source pixels (any type OpenCV warps)
     * @param size  output width and height
     * @return the square resized to {@code size x size} (bilinear), black outside the image; the caller closes it
     */
    public Mat warp(Mat image, int size) {
        double s = size / side;
        try (Mat m = new Mat(2, 3, CV_64F); DoubleIndexer ix = m.createIndexer()) {
            ix.put(0, 0, s).put(0, 1, 0).put(0, 2, -(centreX - side / 2) * s);
            ix.put(1, 0, 0).put(1, 1, s).put(1, 2, -(centreY - side / 2) * s);
            Mat out = new Mat();
            try (Size dsize = new Size(size, size); Scalar black = new Scalar(0, 0, 0, 0)) {
                warpAffine(image, out, m, dsize, INTER_LINEAR, BORDER_CONSTANT, black);
            }
            return out;
        }
    }
}
