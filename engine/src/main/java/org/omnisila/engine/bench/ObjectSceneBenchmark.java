package org.omnisila.engine.bench;

import static org.omnisila.engine.bench.BenchTable.time;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.omnisila.engine.icm.DeviceChoice;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.BackgroundExtractor;
import org.omnisila.engine.scene.ObjectExtractor;
import org.omnisila.engine.scene.ObjectPass;
import org.omnisila.engine.scene.RelationRules;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.vision.Detection;
import org.omnisila.engine.vision.SelfieSegmenter;

/**
 * Speed of the object and background extractors' steps on 640x360 frames of seeded noise (the models do the same
 * work whatever the pixels): the shared CenterNet pass (detections + backbone features), the selfie mask, the
 * relation rules on 10 detections, the background embedding both ways, and both extractors on an 8-frame segment.
 */
public final class ObjectSceneBenchmark {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;

    private ObjectSceneBenchmark() {
    }

    public static BenchTable run(Device device, int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs >= 1 is needed, got " + runs);
        }
        BenchTable table = new BenchTable(String.format(Locale.ROOT,
                "Object and background scene extractors, %dx%d frames, %s, %d cores; %d runs after one warm-up",
                WIDTH, HEIGHT, DeviceChoice.describe(device), Runtime.getRuntime().availableProcessors(), runs));
        Random random = new Random(1);
        ModelFiles files = new ModelFiles();
        try (ObjectPass pass = ObjectPass.open(device, files);
                SelfieSegmenter segmenter = SelfieSegmenter.load(files)) {
            // Fresh frame objects each call: the pass remembers frames it has seen.
            List<RgbImage> frames = new ArrayList<>();
            for (int i = 0; i <= runs; i++) {
                frames.add(noise(random));
            }
            int[] next = {0};
            double[] centerNet = time(runs, () -> pass.analyse(frames.get(next[0]++ % frames.size())));
            RgbImage frame = frames.get(0);
            double[] mask = time(runs, () -> segmenter.mask(frame));
            List<Detection> ten = tenDetections(random);
            double[] relations = time(runs, () -> RelationRules.derive(ten));
            float[] personMask = segmenter.mask(frame);
            double[] masked;
            double[] filled;
            try (BackgroundExtractor m = new BackgroundExtractor(pass, SelfieSegmenter.load(files),
                    BackgroundExtractor.Embedding.MASKED_POOL);
                    BackgroundExtractor f = new BackgroundExtractor(pass, SelfieSegmenter.load(files),
                            BackgroundExtractor.Embedding.FILLED_FRAME)) {
                pass.analyse(frame);
                masked = time(runs, () -> BackgroundExtractor.embedding(m, frame, personMask));
                filled = time(runs, () -> BackgroundExtractor.embedding(f, frame, personMask));
            }
            table.add("CenterNet shared pass (detections + backbone map)", centerNet);
            table.add("selfie mask (OpenCV DNN, 256x256)", mask);
            table.add("relation rules, 10 detections", relations);
            table.add("background embedding, masked pool (pass cached)", masked);
            table.add("background embedding, filled frame (backbone again)", filled);
            table.note(String.format(Locale.ROOT, "per frame, both extractors with the masked pool: about %.0f ms "
                    + "(CenterNet once + mask + pooling)", BenchTable.median(centerNet) + BenchTable.median(mask)
                    + BenchTable.median(masked) + BenchTable.median(relations)));
        }
        return table;
    }

    private static RgbImage noise(Random random) {
        byte[] rgb = new byte[WIDTH * HEIGHT * 3];
        random.nextBytes(rgb);
        return new RgbImage(WIDTH, HEIGHT, rgb);
    }

    private static List<Detection> tenDetections(Random random) {
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            float x = random.nextFloat() * 500;
            float y = random.nextFloat() * 250;
            out.add(new Detection(x, y, x + 40 + random.nextFloat() * 100, y + 40 + random.nextFloat() * 100,
                    1 - i * 0.05f, i % 3 == 0 ? 0 : random.nextInt(80), "object"));
        }
        return out;
    }

}
