package org.omnisila.engine.scene;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.omnisila.engine.models.ModelFileException;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.ModelManifest;

/**
 * MediaPipe's BlazePose landmark model, lite (manifest {@code mediapipe-pose-landmark-lite}), in OpenCV DNN,
 * on a square crop around a person: the crop is resized to 256x256, RGB / 255, given as [1, 3, 256, 256].
 * Outputs, by the names OpenCV reports for the file (checked at load): {@code Identity} landmarks [1, 195] =
 * 39 x (x, y, z, visibility logit, presence logit) with x, y in crop pixels; {@code Identity_1} pose flag
 * [1, 1]; {@code Identity_3} heatmaps [1, 39, 64, 64]; {@code Identity_2} (segmentation [1, 1, 256, 256])
 * and {@code Identity_4} (world landmarks [1, 117]) are not used.
 */
public final class PoseLandmarker implements AutoCloseable {

    /** The bundled model's manifest name. */
    public static final String MANIFEST = "mediapipe-pose-landmark-lite";
    /** Model input side. */
    public static final int SIZE = 256;
    /** A person box is widened to a square of this many times its longer side. */
    public static final double CROP_SCALE = 1.2;
    static final String LANDMARKS = "Identity";
    static final String FLAG = "Identity_1";
    static final String HEATMAPS = "Identity_3";
    private static final int VALUES_PER_POINT = 5;

    private final Net net;

    /** @throws ModelFileException when OpenCV cannot load the file or its outputs are not the expected ones */
    public PoseLandmarker(Path model) {
        this.net = TfliteNets.read(model, List.of(LANDMARKS, FLAG, HEATMAPS));
    }

    /** @return the bundled model, verified by sha256 into the model cache */
    public static PoseLandmarker load() {
        return load(new ModelFiles());
    }

    /** @return the model from the given files (a user's model directory, say) */
    public static PoseLandmarker load(ModelFiles files) {
        return new PoseLandmarker(files.path(ModelManifest.load(MANIFEST), "model"));
    }

    /**
     * @param rgb the frame, 8-bit RGB; x1, y1, x2, y2: the person's box, frame pixels
     * @return the pose, in the frame's pixels
     */
    public Pose estimate(Mat rgb, float x1, float y1, float x2, float y2) {
        SquareRegion crop = SquareRegion.around(x1, y1, x2, y2, CROP_SCALE);
        float[][] out;
        try (Mat square = crop.warp(rgb, SIZE); Mat blob = OpenCvImages.blob(square, 1 / 255.0, 0)) {
            out = TfliteNets.run(net, blob, List.of(LANDMARKS, FLAG, HEATMAPS));
        }
        if (out[0].length != 39 * VALUES_PER_POINT || out[2].length != PoseHeatmaps.CHANNELS * 64 * 64) {
            throw new ModelFileException("the pose model gave " + out[0].length + " landmark values and "
                    + out[2].length + " heatmap values; expected 195 and " + PoseHeatmaps.CHANNELS * 64 * 64);
        }
        float[] x = new float[Pose.KEYPOINTS];
        float[] y = new float[Pose.KEYPOINTS];
        float[] visibility = new float[Pose.KEYPOINTS];
        for (int k = 0; k < Pose.KEYPOINTS; k++) {
            int o = k * VALUES_PER_POINT;
            x[k] = (float) crop.sourceX(out[0][o] / SIZE);
            y[k] = (float) crop.sourceY(out[0][o + 1] / SIZE);
            visibility[k] = OpenCvImages.sigmoid(out[0][o + 3]);
        }
        float flag = Math.max(0, Math.min(1, out[1][0]));
        return new Pose(x, y, visibility, flag, PoseHeatmaps.encode(out[2]));
    }

    @Override
    public void close() {
        net.close();
    }
}
