package org.omnisila.engine.bench;

import static org.omnisila.engine.bench.BenchTable.time;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.omnisila.engine.icm.DeviceChoice;
import org.omnisila.engine.scene.ActionExtractor;
import org.omnisila.engine.scene.BlazeFaceDetector;
import org.omnisila.engine.scene.FaceDetector;
import org.omnisila.engine.scene.FaceDetectors;
import org.omnisila.engine.scene.PoseLandmarker;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SampledFrame;
import org.omnisila.engine.video.Segment;
import org.omnisila.engine.video.SegmentFrames;
import org.omnisila.engine.vision.ExpressionModel;
import org.omnisila.engine.vision.ObjectDetector;
import org.omnisila.engine.vision.RgbArrays;

/**
 * Speed of the face and action extractors' models on a 1280x720 frame: face detection (BlazeFace in OpenCV
 * DNN, and the Haar cascade), expression per face (a batch of 8 crops, one per frame of a segment), CenterNet
 * per frame, pose per person (OpenCV DNN on one crop), and the whole action extractor on one 8-frame segment.
 * Inputs are seeded noise: the networks do the same work whatever the pixels (the Haar cascade does not: its
 * time on noise is a lower bound).
 */
public final class SceneBenchmark {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;

    private SceneBenchmark() {
    }

    public static BenchTable run(Device device, int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs >= 1 is needed, got " + runs);
        }
        BenchTable table = new BenchTable(String.format(Locale.ROOT,
                "Scene extractors' models on a %dx%d frame, %s, %d cores; %d runs after one warm-up", WIDTH, HEIGHT,
                DeviceChoice.describe(device), Runtime.getRuntime().availableProcessors(), runs));
        Random random = new Random(1);
        RgbImage frame = noise(random, WIDTH, HEIGHT);
        try (FaceDetector blaze = BlazeFaceDetector.load();
                FaceDetector haar = FaceDetectors.open(FaceDetectors.Choice.HAAR)) {
            table.add("face detection, BlazeFace short range (OpenCV DNN)", time(runs, () -> blaze.detect(frame)));
            table.add("face detection, Haar cascade (noise: lower bound)", time(runs, () -> haar.detect(frame)));
        }
        try (NDManager manager = NDManager.newBaseManager(device, "PyTorch");
                ExpressionModel expressions = ExpressionModel.load(device)) {
            List<NDArray> faces = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RgbImage crop = noise(random, 96, 96);
                faces.add(RgbArrays.fromRgb(manager, 96, 96, crop.rgb()));
            }
            double[] batch = time(runs, () -> expressions.classify(faces));
            table.add("expression, 8 faces per call", batch);
            table.note(String.format(Locale.ROOT, "expression: %.2f ms per face in a batch of 8",
                    BenchTable.median(batch) / 8));
            try (ObjectDetector centernet = ObjectDetector.load(device)) {
                NDArray image = RgbArrays.fromRgb(manager, WIDTH, HEIGHT, frame.rgb());
                table.add("CenterNet, 1 frame (with resize to 512x512)", time(runs, () -> centernet.detect(image)));
            }
        }
        try (PoseLandmarker pose = PoseLandmarker.load();
                org.bytedeco.opencv.opencv_core.Mat rgb = new org.bytedeco.opencv.opencv_core.Mat(HEIGHT, WIDTH,
                        org.bytedeco.opencv.global.opencv_core.CV_8UC3)) {
            rgb.data().put(frame.rgb());
            table.add("pose, 1 person (BlazePose lite, OpenCV DNN)",
                    time(runs, () -> pose.estimate(rgb, 500, 100, 700, 650)));
        }
        try (ActionExtractor action = ActionExtractor.load(device)) {
            // fresh frame times each call, so CenterNet's per-frame cache does not hide its cost
            int[] call = {0};
            double[] segment = time(runs, () -> action.extract(segment(frame, call[0]++)));
            table.add("action extractor, 1 segment of 8 frames", segment);
            table.note(String.format(Locale.ROOT, "action extractor: %.1f ms per frame (noise: CenterNet finds "
                    + "no persons, so no pose runs)", BenchTable.median(segment) / 8));
        }
        return table;
    }

    private static SegmentFrames segment(RgbImage image, int call) {
        double[] times = new double[8];
        List<SampledFrame> frames = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            times[t] = call * 10 + t * 0.25;
            frames.add(new SampledFrame(times[t], times[t], image));
        }
        return new SegmentFrames(new Segment(call, call * 10, call * 10 + 2, times), frames);
    }

    private static RgbImage noise(Random random, int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        random.nextBytes(rgb);
        return new RgbImage(width, height, rgb);
    }
}
