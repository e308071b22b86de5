package org.omnisila.engine.scene;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.omnisila.engine.video.RgbImage;

/** Between the engine's {@link RgbImage} and OpenCV: frames in, network blobs and float outputs out. */
final class OpenCvImages {

    private OpenCvImages() {
    }

    /** @return the image as an 8-bit 3-channel Mat in RGB order, [height, width]; the caller closes it */
    static Mat toMat(RgbImage image) {
        Mat mat = new Mat(image.height(), image.width(), CV_8UC3);
        try (BytePointer data = mat.data()) {
            data.put(image.rgb());
        }
        return mat;
    }

    /** @return the Mat's pixels, row by row (an 8-bit 3-channel continuous Mat) */
    static byte[] bytes(Mat rgb) {
        byte[] out = new byte[(int) (rgb.total() * rgb.channels())];
        rgb.data().get(out);
        return out;
    }

    /**
     * A network input [1, 3, size, size] float32 from a square RGB image: {@code (pixel - mean) * scale}.
     *
     * @param squareRgb 8-bit RGB, size x size
     * @return the blob; the caller closes it
     */
    static Mat blob(Mat squareRgb, double scale, double mean) {
        try (Size same = new Size(squareRgb.cols(), squareRgb.rows());
                Scalar m = new Scalar(mean, mean, mean, 0)) {
            return blobFromImage(squareRgb, scale, same, m, false, false, CV_32F);
        }
    }

    /** @return a float32 Mat's values in memory order */
    static float[] floats(Mat mat) {
        if (mat.depth() != CV_32F) {
            throw new IllegalStateException("expected a float32 output, got OpenCV depth " + mat.depth());
        }
        float[] out = new float[(int) (mat.total() * mat.channels())];
        ((FloatBuffer) mat.createBuffer()).get(out);
        return out;
    }

    /** @return the Mat's shape, e.g. {@code [1, 896, 16]} */
    static String shape(Mat mat) {
        StringBuilder b = new StringBuilder("[");
        for (int d = 0; d < mat.dims(); d++) {
            b.append(d == 0 ? "" : ", ").append(mat.size(d));
        }
        return b.append(']').toString();
    }

    static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }
}
