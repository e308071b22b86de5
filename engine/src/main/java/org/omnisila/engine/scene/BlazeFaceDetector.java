package org.omnisila.engine.scene;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.omnisila.engine.models.ModelFileException;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.ModelManifest;
import org.omnisila.engine.video.RgbImage;

/**
 * MediaPipe BlazeFace short range (manifest {@code mediapipe-face-detection}, role {@code short-range}) in
 * OpenCV DNN: the frame is letterboxed to 128x128 (aspect kept, black padding), scaled to [-1, 1] and given
 * as [1, 3, 128, 128]; outputs {@code regressors} [1, 896, 16] and {@code classificators} [1, 896, 1] are
 * decoded by {@link BlazeFaceDecoder} and mapped back to the frame's pixels.
 *
 * <p>Short range is made for faces that fill a good part of the frame (within about 2 m of the camera).
 */
public final class BlazeFaceDetector implements FaceDetector {

    /** The bundled model's manifest name. */
    public static final String MANIFEST = "mediapipe-face-detection";
    /** The manifest role of the short-range file. */
    public static final String ROLE = "short-range";
    static final String REGRESSORS = "regressors";
    static final String SCORES = "classificators";

    private final Net net;
    private final BlazeFaceDecoder decoder = new BlazeFaceDecoder();
    private final boolean weighted;

    /**
     * @param model    the short-range .tflite file
     * @param weighted MediaPipe's weighted suppression, or plain
     * @throws ModelFileException when OpenCV cannot load the file
     */
    public BlazeFaceDetector(Path model, boolean weighted) {
        this.net = TfliteNets.read(model, List.of(REGRESSORS, SCORES));
        this.weighted = weighted;
    }

    /** @return the bundled model, verified by sha256 into the model cache, with weighted suppression */
    public static BlazeFaceDetector load() {
        return load(new ModelFiles());
    }

    /** @return the model from the given files, with weighted suppression */
    public static BlazeFaceDetector load(ModelFiles files) {
        return new BlazeFaceDetector(files.path(ModelManifest.load(MANIFEST), ROLE), true);
    }

    @Override
    public List<FaceDetection> detect(RgbImage image) {
        SquareRegion box = SquareRegion.letterbox(image.width(), image.height());
        float[][] out;
        try (Mat rgb = OpenCvImages.toMat(image);
                Mat square = box.warp(rgb, BlazeFaceDecoder.SIZE);
                Mat blob = OpenCvImages.blob(square, 1 / 127.5, 127.5)) {
            out = TfliteNets.run(net, blob, List.of(REGRESSORS, SCORES));
        }
        List<FaceDetection> faces = new ArrayList<>();
        for (FaceDetection f : decoder.decode(out[0], out[1], weighted)) {
            float[] k = f.keypoints();
            for (int i = 0; i < k.length; i += 2) {
                k[i] = (float) box.sourceX(k[i]);
                k[i + 1] = (float) box.sourceY(k[i + 1]);
            }
            faces.add(new FaceDetection((float) box.sourceX(f.x1()), (float) box.sourceY(f.y1()),
                    (float) box.sourceX(f.x2()), (float) box.sourceY(f.y2()), f.score(), k));
        }
        return faces;
    }

    @Override
    public String name() {
        return "BlazeFace short range";
    }

    @Override
    public void close() {
        net.close();
    }
}
