package org.omnisila.engine.scene;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Size;
import org.omnisila.engine.tfjs.TfjsReference;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SampledFrame;
import org.omnisila.engine.video.Segment;
import org.omnisila.engine.video.SegmentFrames;

/** Test images of real people (see src/test/resources/scene/README.md) and segments made of them. */
final class SceneImages {

    /**
     * The portrait: sample1.jpg of {@code @vladmandic/face-api@1.7.15} (MIT), x 1300..1899, y 0..599, resized to
     * 240x240; the face measured by hand on a 2x zoom with a 10-pixel grid.
     */
    static final float[] PORTRAIT_FACE = {70, 90, 150, 170};

    private SceneImages() {
    }

    static RgbImage portrait() {
        return decode("/scene/sample1-portrait-240.jpg");
    }

    /** sample1.jpg at 512x512 (three women at a party), the CenterNet fixture of tfjs/reference. */
    static RgbImage party() {
        return new RgbImage(512, 512, TfjsReference.bytes("sample1-512x512.rgb.gz"));
    }

    static RgbImage blank(int width, int height, int grey) {
        byte[] rgb = new byte[width * height * 3];
        Arrays.fill(rgb, (byte) grey);
        return new RgbImage(width, height, rgb);
    }

    /** A segment of 0..1 s whose frames are the given images, at evenly spaced times. */
    static SegmentFrames segment(List<RgbImage> images) {
        double[] times = new double[images.size()];
        SampledFrame[] frames = new SampledFrame[images.size()];
        for (int t = 0; t < times.length; t++) {
            times[t] = (double) t / times.length;
            frames[t] = new SampledFrame(times[t], times[t], images.get(t));
        }
        return new SegmentFrames(new Segment(0, 0, 1, times), List.of(frames));
    }

    static RgbImage decode(String resource) {
        byte[] jpeg;
        try (InputStream in = SceneImages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            jpeg = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (BytePointer data = new BytePointer(jpeg); Mat encoded = new Mat(1, jpeg.length, 0, data);
                Mat bgr = imdecode(encoded, IMREAD_COLOR); Mat rgb = new Mat()) {
            cvtColor(bgr, rgb, COLOR_BGR2RGB);
            return new RgbImage(rgb.cols(), rgb.rows(), OpenCvImages.bytes(rgb));
        }
    }

    /** The image turned counter-clockwise by {@code degrees} around (cx, cy), black where nothing was. */
    static RgbImage rotated(RgbImage image, double cx, double cy, double degrees) {
        try (Mat rgb = OpenCvImages.toMat(image); Point2f centre = new Point2f((float) cx, (float) cy);
                Mat m = getRotationMatrix2D(centre, degrees, 1.0); Mat out = new Mat();
                Size size = new Size(image.width(), image.height())) {
            warpAffine(rgb, out, m, size);
            return new RgbImage(image.width(), image.height(), OpenCvImages.bytes(out));
        }
    }

    static float iou(FaceDetection f, float[] box) {
        return f.iou(new FaceDetection(box[0], box[1], box[2], box[3], 1, new float[0]));
    }
}
