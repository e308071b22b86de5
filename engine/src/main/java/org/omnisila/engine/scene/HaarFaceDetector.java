package org.omnisila.engine.scene;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;
import org.omnisila.engine.models.ModelFileException;
import org.omnisila.engine.video.RgbImage;

/**
 * OpenCV's frontal-face Haar cascade ({@code haarcascade_frontalface_default.xml} from the bundled
 * {@code org.bytedeco:opencv} jar): the fallback when BlazeFace cannot load, or when chosen. It has no
 * confidence (every face scores 1) and no keypoints; faces come largest first.
 */
public final class HaarFaceDetector implements FaceDetector {

    /** Where the opencv jar keeps the cascade. */
    public static final String RESOURCE = "/org/bytedeco/opencv/" + Loader.getPlatform()
            + "/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

    private final CascadeClassifier cascade;

    /** @throws ModelFileException when the cascade is missing or does not load */
    public HaarFaceDetector() {
        File file;
        try {
            file = Loader.cacheResource(HaarFaceDetector.class, RESOURCE);
        } catch (IOException e) {
            throw new ModelFileException("Cannot extract the Haar face cascade " + RESOURCE + ": " + e, e);
        }
        if (file == null) {
            throw new ModelFileException("The Haar face cascade " + RESOURCE
                    + " is missing from the installation (the org.bytedeco:opencv jar); reinstall");
        }
        cascade = new CascadeClassifier(file.getAbsolutePath());
        if (cascade.empty()) {
            cascade.close();
            throw new ModelFileException("OpenCV cannot load the Haar face cascade " + file);
        }
    }

    @Override
    public List<FaceDetection> detect(RgbImage image) {
        List<FaceDetection> faces = new ArrayList<>();
        try (Mat rgb = OpenCvImages.toMat(image); Mat grey = new Mat(); RectVector found = new RectVector();
                Size min = new Size(24, 24); Size max = new Size()) {
            cvtColor(rgb, grey, COLOR_RGB2GRAY);
            equalizeHist(grey, grey);
            cascade.detectMultiScale(grey, found, 1.1, 5, 0, min, max);
            for (long i = 0; i < found.size(); i++) {
                try (Rect r = found.get(i)) {
                    faces.add(new FaceDetection(r.x(), r.y(), r.x() + r.width(), r.y() + r.height(), 1f,
                            new float[0]));
                }
            }
        }
        faces.sort(Comparator.comparingDouble(FaceDetection::area).reversed());
        return faces;
    }

    @Override
    public String name() {
        return "Haar cascade";
    }

    @Override
    public void close() {
        cascade.close();
    }
}
