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
import org.omnisila.engine.vision.ExpressionModel;
import org.omnisila.engine.vision.ObjectDetector;
import org.omnisila.engine.vision.RgbArrays;

/**
 * Speed of the two TF.js graph models through their facades (preparation, graph, read-back): the emotion
 * model at 1 and 16 faces per call, CenterNet on a 512x512 image and on a 1280x720 frame (which adds the
 * resize to 512x512). Inputs are seeded noise images: the graphs do the same work whatever the pixels.
 */
public final class TfjsBenchmark {

    private TfjsBenchmark() {
    }

    public static BenchTable run(Device device, int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs >= 1 is needed, got " + runs);
        }
        BenchTable table = new BenchTable(String.format(Locale.ROOT,
                "TF.js graph models on DJL/PyTorch, %s, %d cores; %d runs after one warm-up",
                DeviceChoice.describe(device), Runtime.getRuntime().availableProcessors(), runs));
        Random random = new Random(1);
        try (NDManager manager = NDManager.newBaseManager(device, "PyTorch")) {
            long t0 = System.nanoTime();
            try (ExpressionModel expressions = ExpressionModel.load(device)) {
                double loadEmotion = (System.nanoTime() - t0) / 1e6;
                List<NDArray> faces = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    faces.add(image(manager, random, 96, 96));
                }
                double[] one = time(runs, () -> expressions.classify(faces.get(0)));
                double[] sixteen = time(runs, () -> expressions.classify(faces));
                table.add("emotion, 1 face per call (96x96 crop)", one);
                table.add("emotion, 16 faces per call", sixteen);
                table.note(String.format(Locale.ROOT, "emotion: %.2f ms per face at batch 1, %.2f ms per face at "
                        + "batch 16; model load %.0f ms", BenchTable.median(one), BenchTable.median(sixteen) / 16,
                        loadEmotion));
            }
            t0 = System.nanoTime();
            try (ObjectDetector objects = ObjectDetector.load(device)) {
                double loadCenterNet = (System.nanoTime() - t0) / 1e6;
                NDArray square = image(manager, random, ObjectDetector.SIZE, ObjectDetector.SIZE);
                NDArray frame = image(manager, random, 1280, 720);
                double[] direct = time(runs, () -> objects.detect(square));
                double[] resized = time(runs, () -> objects.detect(frame));
                table.add("CenterNet, 1 image of 512x512", direct);
                table.add("CenterNet, 1 frame of 1280x720 (with resize)", resized);
                table.note(String.format(Locale.ROOT, "CenterNet: %.1f ms per 512x512 image, %.1f ms per 1280x720 "
                        + "frame; model load %.0f ms", BenchTable.median(direct), BenchTable.median(resized),
                        loadCenterNet));
            }
        }
        return table;
    }

    private static NDArray image(NDManager manager, Random random, int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        random.nextBytes(rgb);
        return RgbArrays.fromRgb(manager, width, height, rgb);
    }

}
