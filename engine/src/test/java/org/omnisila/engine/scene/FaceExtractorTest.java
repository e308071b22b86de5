package org.omnisila.engine.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.scene.SceneFeatures.SlotCue;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SampledFrame;
import org.omnisila.engine.video.SegmentFrames;
import org.omnisila.engine.video.SegmentSampler;
import org.omnisila.engine.vision.ExpressionModel;

/** x_f on real faces: layout, empty slots, determinism, the expression, and boxes that follow a moving face. */
class FaceExtractorTest {

    private static final FaceExtractor FACES = FaceExtractor.load(Device.cpu(), FaceDetectors.Choice.BLAZEFACE);

    @AfterAll
    static void close() {
        FACES.close();
    }

    @Test
    void layoutIsFourSlotsOfTwelve() {
        assertEquals(Scene.FACE, FACES.scene());
        assertEquals(4, FACES.slots());
        assertEquals(48, FACES.width());
        assertEquals(7, FaceExtractor.GEOMETRY);
    }

    @Test
    void portraitGivesOneHappyFaceAndEmptySlots() {
        RgbImage portrait = SceneImages.portrait();
        RgbImage blank = SceneImages.blank(240, 240, 128);
        SceneFeatures f = FACES.extract(SceneImages.segment(List.of(portrait, blank, portrait, portrait, portrait,
                portrait, portrait, portrait)));
        assertEquals(8, f.frames());
        float[] row = f.values()[0];
        assertEquals(48, row.length);
        float sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += row[i];
        }
        assertEquals(1, sum, 1e-4f);
        assertTrue(row[ExpressionModel.LABELS.indexOf("happy")] > 0.5, "happy: " + row[3]);
        // centre (104, 136), 63 x 63 of a 240x240 frame (FaceDetectorTest measures the box against the face)
        assertEquals(104 / 240f, row[7], 0.03f);
        assertEquals(136 / 240f, row[8], 0.03f);
        assertEquals(63 / 240f, row[9], 0.03f);
        assertTrue(row[11] > 0.7, "score " + row[11]);
        SlotCue cue = f.cues().get(0).get(0);
        assertTrue(cue.text().matches("face 1: happy 0\\.\\d\\d"), cue.text());
        Box b = cue.box();
        assertEquals(row[9] * 240, b.width(), 1e-3);
        assertEquals(row[7] * 240, b.x() + b.width() / 2, 1e-3);
        for (int k = 1; k < 4; k++) {
            assertNull(f.cues().get(0).get(k));
            for (int i = k * 12; i < (k + 1) * 12; i++) {
                assertEquals(0f, row[i], "slot " + k);
            }
        }
        assertArrayEquals(new float[48], f.values()[1], "the blank frame");
        assertEquals(Collections.nCopies(4, null), f.cues().get(1));
    }

    @Test
    void sameFramesSameFeatures() {
        SegmentFrames s = SceneImages.segment(Collections.nCopies(8, SceneImages.portrait()));
        SceneFeatures a = FACES.extract(s);
        SceneFeatures b = FACES.extract(s);
        assertTrue(java.util.Arrays.deepEquals(a.values(), b.values()));
        assertEquals(a.cues(), b.cues());
        assertArrayEquals(a.values()[0], a.values()[7]);
    }

    @Test
    void boxesFollowAFaceAcrossAVideo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("moving-face.mp4");
        MovingFaceVideo.write(file);
        List<SegmentFrames> segments = new ArrayList<>();
        new SegmentSampler().sample(file, segments::add);
        assertEquals(1, segments.size());
        SceneFeatures f = FACES.extract(segments.get(0));
        double previous = -1;
        for (int t = 0; t < 8; t++) {
            SampledFrame frame = segments.get(0).frames().get(t);
            int index = (int) Math.round(frame.time() * MovingFaceVideo.FPS);
            SlotCue cue = f.cues().get(t).get(0);
            assertNotNull(cue, "a face on frame " + index);
            double cx = cue.box().x() + cue.box().width() / 2;
            double cy = cue.box().y() + cue.box().height() / 2;
            assertEquals(MovingFaceVideo.faceCentreX(index), cx, 10, "frame " + index);
            assertEquals(MovingFaceVideo.faceCentreY(), cy, 10, "frame " + index);
            assertEquals(cx / MovingFaceVideo.WIDTH, f.values()[t][7], 1e-4);
            assertTrue(cx > previous, "moves right");
            previous = cx;
        }
    }
}
