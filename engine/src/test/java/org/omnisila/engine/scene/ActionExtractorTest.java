package org.omnisila.engine.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.scene.SceneFeatures.SlotCue;
import org.omnisila.engine.video.RgbImage;

/** x_a on sample1 (three women at a party): layout, keypoints on the persons, motion, shared detections. */
class ActionExtractorTest {

    private static final ObjectPass DETECTIONS = SceneFrames.PASS;
    private static final ActionExtractor ACTION = new ActionExtractor(SceneFrames.PASS, PoseLandmarker.load());

    @AfterAll
    static void close() {
        ACTION.close();
        DETECTIONS.close();
    }

    @Test
    void layoutIsTwoSlotsOf236() {
        assertEquals(Scene.ACTION, ACTION.scene());
        assertEquals(2, ACTION.slots());
        assertEquals(236, ActionExtractor.SLOT);
        assertEquals(472, ACTION.width());
        assertEquals(99, ActionExtractor.HEATMAPS);
        assertEquals(164, ActionExtractor.MOTION);
        assertEquals(230, ActionExtractor.GEOMETRY);
    }

    @Test
    void keypointsLieOnTheTwoLargestPersons() {
        RgbImage party = SceneImages.party();
        SceneFeatures f = ACTION.extract(SceneImages.segment(Collections.nCopies(2, party)));
        for (int k = 0; k < 2; k++) {
            SlotCue cue = f.cues().get(0).get(k);
            assertNotNull(cue, "person " + (k + 1));
            assertTrue(cue.text().startsWith("person " + (k + 1) + ": "), cue.text());
            Box b = cue.box();
            float[] row = f.values()[0];
            int o = k * ActionExtractor.SLOT;
            int visible = 0;
            int inside = 0;
            for (int p = 0; p < 33; p++) {
                if (row[o + 3 * p + 2] > 0.5) {
                    visible++;
                    double x = row[o + 3 * p] * 512;
                    double y = row[o + 3 * p + 1] * 512;
                    if (x >= b.x() - 0.1 * b.width() && x <= b.x() + 1.1 * b.width() && y >= b.y() - 0.1 * b.height()
                            && y <= b.y() + 1.1 * b.height()) {
                        inside++;
                    }
                }
            }
            assertTrue(visible >= 8, "visible keypoints " + visible);
            assertTrue(inside >= 0.9 * visible, inside + " of " + visible + " inside " + b);
            // nose above the shoulders
            assertTrue(row[o + 1] < row[o + 3 * Pose.LEFT_SHOULDER + 1], "nose above the shoulder");
            assertTrue(row[o + ActionExtractor.GEOMETRY + 5] > 0.5, "pose flag " + row[o + ActionExtractor.GEOMETRY + 5]);
            for (int i = ActionExtractor.HEATMAPS; i < ActionExtractor.MOTION; i++) {
                assertTrue(row[o + i] >= 0 && row[o + i] <= 1, "heatmap code in 0..1");
            }
            for (int i = ActionExtractor.MOTION; i < ActionExtractor.GEOMETRY; i++) {
                assertEquals(0f, row[o + i], "the same picture does not move");
            }
        }
        assertTrue(f.cues().get(0).get(0).box().width() * f.cues().get(0).get(0).box().height()
                >= f.cues().get(0).get(1).box().width() * f.cues().get(0).get(1).box().height(), "largest first");
        assertArrayEquals(f.values()[0], f.values()[1]);
    }

    @Test
    void motionFollowsAShiftingPicture() {
        // the party shifted right by 12 pixels a frame, frames 1/4 s apart: 48 px/s = 0.094 frame widths/s
        List<RgbImage> frames = new ArrayList<>();
        byte[] src = SceneImages.party().rgb();
        for (int t = 0; t < 4; t++) {
            byte[] out = new byte[src.length];
            int dx = 12 * t;
            for (int y = 0; y < 512; y++) {
                System.arraycopy(src, y * 512 * 3, out, (y * 512 + dx) * 3, (512 - dx) * 3);
            }
            frames.add(new RgbImage(512, 512, out));
        }
        SceneFeatures f = ACTION.extract(SceneImages.segment(frames));
        double sum = 0;
        int n = 0;
        for (int t = 1; t < 4; t++) {
            float[] row = f.values()[t];
            for (int p = 0; p < 33; p++) {
                if (row[3 * p + 2] > 0.5) {
                    sum += row[ActionExtractor.MOTION + 2 * p];
                    n++;
                }
            }
        }
        assertTrue(n > 10, "visible keypoints " + n);
        assertEquals(48.0 / 512, sum / n, 0.04, "mean x velocity of person 1");
    }

    @Test
    void emptyFrameHasZeroSlotsAndNoCues() {
        SceneFeatures f = ACTION.extract(SceneImages.segment(Collections.nCopies(2, SceneImages.blank(320, 240, 30))));
        for (int t = 0; t < 2; t++) {
            assertArrayEquals(new float[472], f.values()[t]);
            assertEquals(Collections.nCopies(2, null), f.cues().get(t));
        }
    }

    @Test
    void centerNetRunsOncePerFrameAndDetectionsAreShared() {
        RgbImage party = SceneImages.party();
        var segment = SceneImages.segment(Collections.nCopies(2, party));
        int before = DETECTIONS.runs();
        SceneFeatures a = ACTION.extract(segment);
        int after = DETECTIONS.runs();
        assertTrue(after - before <= 2);
        SceneFeatures b = ACTION.extract(segment);
        assertEquals(after, DETECTIONS.runs(), "the second pass (or another extractor) reuses the detections");
        assertTrue(DETECTIONS.analyse(segment.frames().get(0).image()).detections().stream().anyMatch(d -> d.label().equals("wine glass")),
                "all classes are kept for the object extractor");
        assertTrue(java.util.Arrays.deepEquals(a.values(), b.values()));
        assertEquals(a.cues(), b.cues());
    }
}
