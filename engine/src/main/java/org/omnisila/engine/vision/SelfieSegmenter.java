package org.omnisila.engine.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.omnisila.engine.models.ModelFileException;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.ModelManifest;
import org.omnisila.engine.video.RgbImage;

/**
 * Where the people are: MediaPipe's selfie segmentation (manifest {@code mediapipe-selfie-segmentation}, general
 * model) in OpenCV DNN. As MediaPipe's {@code selfie_segmentation_cpu.pbtxt} prepares it: the whole frame
 * stretched to 256x256 (no aspect kept), RGB as floats 0..1; the output [1, 1, 256, 256] is already a
 * probability (the graph applies no activation), person = 1.
 *
 * <p>Not for concurrent use; close it (the network is native memory).
 */
public final class SelfieSegmenter implements AutoCloseable {

    /** Width and height of the model's input and mask. */
    public static final int SIZE = 256;

    /** The bundled model's manifest name. */
    public static final String MANIFEST = "mediapipe-selfie-segmentation";

    private final Net net;

    /**
     * @param tflite {@code selfie_segmentation.tflite}
     * @throws ModelFileException when OpenCV cannot read it
     */
    public SelfieSegmenter(Path tflite) {
        Net loaded = readNetFromTFLite(tflite.toString());
        if (loaded.empty()) {
            loaded.close();
            throw new ModelFileException("OpenCV could not read the selfie segmentation model " + tflite);
        }
        this.net = loaded;
    }

    /**
     * @param files where the bundled file is verified and put
     * @return the bundled general model
     * @throws ModelFileException naming a missing or altered file and its expected sha256
     */
    public static SelfieSegmenter load(ModelFiles files) {
        return new SelfieSegmenter(files.path(ModelManifest.load(MANIFEST), "general"));
    }

    /**
     * @param frame any size
     * @return [SIZE * SIZE] person probabilities 0..1, row-major; pixel (x, y) of the frame is cell
     *     ({@code x * SIZE / width}, {@code y * SIZE / height})
     */
    public float[] mask(RgbImage frame) {
        float[] out = new float[SIZE * SIZE];
        try (Mat rgb = new Mat(frame.height(), frame.width(), CV_8UC3);
                Mat small = new Mat();
                Mat scaled = new Mat();
                Size size = new Size(SIZE, SIZE)) {
            rgb.data().put(frame.rgb());
            resize(rgb, small, size, 0, 0, INTER_LINEAR);
            small.convertTo(scaled, CV_32FC3, 1 / 255.0, 0);
            try (Mat blob = blobFromImage(scaled)) {
                net.setInput(blob);
                try (Mat result = net.forward()) {
                    if (result.total() != out.length) {
                        throw new IllegalStateException("the selfie model gave " + result.total() + " values, not "
                                + out.length);
                    }
                    ((FloatBuffer) result.createBuffer()).get(out);
                }
            }
        }
        return out;
    }

    /** Frees the network. */
    @Override
    public void close() {
        net.close();
    }
}
