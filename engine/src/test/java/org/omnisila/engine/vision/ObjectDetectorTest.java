package org.omnisila.engine.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.ModelManifest;
import org.omnisila.engine.tfjs.BundledGraphs;
import org.omnisila.engine.tfjs.TfjsReference;

/**
 * CenterNet through the facade on sample1.jpg at 512x512 (see tfjs/reference/README.md): the detections
 * kept are the rows TF.js's non-maximum suppression keeps with @vladmandic/human's settings, and an image
 * of twice the size gives the same objects at twice the coordinates.
 */
class ObjectDetectorTest {

    private static final ObjectDetector DETECTOR = new ObjectDetector(BundledGraphs.centernet(), labels());

    private static List<String> labels() {
        return ObjectDetector.readLabels(new ModelFiles().path(ModelManifest.load(ObjectDetector.MANIFEST), "labels"));
    }

    private static byte[] photo() {
        return TfjsReference.bytes("sample1-512x512.rgb.gz");
    }

    @Test
    void keepsTheRowsTfjsNmsKeeps() {
        JsonNode photo = TfjsReference.fixture("centernet.json").get("cases").get("photo");
        float[] rows = TfjsReference.floats(photo.get("outputs").get("tower_0/detections").get("values"));
        List<Integer> selected = new ArrayList<>();
        photo.get("nms").get("selected").forEach(i -> selected.add(i.asInt()));
        try (NDManager m = NDManager.newBaseManager()) {
            List<Detection> found = DETECTOR.detect(RgbArrays.fromRgb(m, 512, 512, photo()));
            assertEquals(selected.size(), found.size(), found.toString());
            for (int k = 0; k < found.size(); k++) {
                int r = selected.get(k) * 6;
                Detection d = found.get(k);
                assertEquals((int) rows[r + 5], d.classIndex(), d.toString());
                assertEquals(rows[r + 4], d.score(), 1e-4f);
                assertEquals(Math.max(0, rows[r]), d.x1(), 1e-3f);
                assertEquals(Math.min(512, rows[r + 3]), d.y2(), 1e-3f);
            }
            assertEquals(List.of("person", "person", "person", "tie", "wine glass", "person", "bottle"),
                    found.stream().map(Detection::label).toList());
        }
    }

    @Test
    void boxesAreInTheImagesPixels() {
        byte[] small = photo();
        byte[] big = new byte[1024 * 1024 * 3]; // every pixel doubled: the legacy resize back takes every other one
        for (int y = 0; y < 1024; y++) {
            for (int x = 0; x < 1024; x++) {
                System.arraycopy(small, ((y / 2) * 512 + x / 2) * 3, big, (y * 1024 + x) * 3, 3);
            }
        }
        float[] rows = TfjsReference.floats(TfjsReference.fixture("centernet.json").get("cases").get("photo")
                .get("outputs").get("tower_0/detections").get("values"));
        try (NDManager m = NDManager.newBaseManager()) {
            List<Detection> raw = DETECTOR.rawDetections(RgbArrays.fromRgb(m, 1024, 1024, big));
            assertEquals(100, raw.size());
            for (int k = 0; k < 10; k++) {
                assertEquals((int) rows[6 * k + 5], raw.get(k).classIndex());
                assertEquals(2 * rows[6 * k], raw.get(k).x1(), 2e-3f);
                assertEquals(2 * rows[6 * k + 3], raw.get(k).y2(), 2e-3f);
            }
            List<Detection> kept = ObjectDetector.select(raw, ObjectDetector.Settings.HUMAN_DEFAULTS, 1024, 1024);
            assertEquals(7, kept.size());
            for (Detection d : kept) {
                assertTrue(d.x1() >= 0 && d.y1() >= 0 && d.x2() <= 1024 && d.y2() <= 1024, d.toString());
            }
            // Stricter settings keep fewer: score above 0.5 leaves the two most confident people.
            assertEquals(List.of("person", "person"), ObjectDetector.select(raw,
                    new ObjectDetector.Settings(0.5f, 0.4f, 10), 1024, 1024).stream().map(Detection::label).toList());
        }
    }

    @Test
    void labelsAreTheEightyCocoClasses() {
        assertEquals(80, DETECTOR.labels().size());
        assertEquals("person", DETECTOR.labels().get(0));
        assertEquals("toothbrush", DETECTOR.labels().get(79));
    }

    @Test
    void iouOfBoxes() {
        Detection a = new Detection(0, 0, 10, 10, 1, 0, "person");
        Detection b = new Detection(5, 0, 15, 10, 1, 0, "person");
        assertEquals(50f / 150f, a.iou(b), 1e-6f);
        assertEquals(0f, a.iou(new Detection(3, 3, 3, 9, 1, 0, "person")), "an empty box overlaps nothing");
    }
}
