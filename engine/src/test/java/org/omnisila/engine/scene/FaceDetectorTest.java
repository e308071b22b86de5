package org.omnisila.engine.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.video.RgbImage;

/** BlazeFace and the Haar fallback on a real face, a blank frame, and a face far from the centre. */
class FaceDetectorTest {

    @Test
    void blazeFaceFindsThePortraitsFace() {
        try (FaceDetector d = FaceDetectors.open(FaceDetectors.Choice.BLAZEFACE)) {
            List<FaceDetection> faces = d.detect(SceneImages.portrait());
            assertEquals(1, faces.size(), faces.toString());
            FaceDetection f = faces.get(0);
            assertTrue(SceneImages.iou(f, SceneImages.PORTRAIT_FACE) > 0.5, f + " IoU "
                    + SceneImages.iou(f, SceneImages.PORTRAIT_FACE));
            assertTrue(f.score() > 0.7, f.toString());
            float[] k = f.keypoints(); // both eyes inside the box, above the mouth
            for (int p = 0; p < 4; p++) {
                assertTrue(k[2 * p] > f.x1() && k[2 * p] < f.x2() && k[2 * p + 1] > f.y1() && k[2 * p + 1] < f.y2(),
                        "keypoint " + p);
            }
            assertTrue(k[1] < k[7] && k[3] < k[7], "eyes above the mouth");
        }
    }

    @Test
    void letterboxMapsBackToTheSourcePixels() {
        // The portrait pasted at (110, 20) of a wide grey frame: the same face, shifted, letterboxed.
        RgbImage p = SceneImages.portrait();
        byte[] wide = SceneImages.blank(400, 260, 90).rgb();
        byte[] src = p.rgb();
        for (int y = 0; y < 240; y++) {
            System.arraycopy(src, y * 240 * 3, wide, ((y + 20) * 400 + 110) * 3, 240 * 3);
        }
        float[] shifted = {110 + 70, 20 + 90, 110 + 150, 20 + 170};
        try (FaceDetector d = FaceDetectors.open(FaceDetectors.Choice.BLAZEFACE)) {
            List<FaceDetection> faces = d.detect(new RgbImage(400, 260, wide));
            assertEquals(1, faces.size(), faces.toString());
            assertTrue(SceneImages.iou(faces.get(0), shifted) > 0.5, faces.toString());
        }
    }

    @Test
    void blankFrameHasNoFace() {
        try (FaceDetector blaze = FaceDetectors.open(FaceDetectors.Choice.BLAZEFACE);
                FaceDetector haar = FaceDetectors.open(FaceDetectors.Choice.HAAR)) {
            assertEquals(List.of(), blaze.detect(SceneImages.blank(320, 240, 128)));
            assertEquals(List.of(), haar.detect(SceneImages.blank(320, 240, 128)));
        }
    }

    @Test
    void haarCascadeFindsTheUprightedFace() {
        // The frontal cascade misses the portrait's tilted head (eyes about 46 degrees off level, from
        // BlazeFace's keypoints); turned upright around the face's centre (104, 136) it finds it there.
        try (FaceDetector d = FaceDetectors.open(FaceDetectors.Choice.HAAR)) {
            List<FaceDetection> faces = d.detect(SceneImages.rotated(SceneImages.portrait(), 104, 136, 46));
            assertEquals("Haar cascade", d.name());
            assertTrue(faces.stream().anyMatch(f -> Math.abs((f.x1() + f.x2()) / 2 - 104) < 15
                    && Math.abs((f.y1() + f.y2()) / 2 - 136) < 15 && f.width() > 40 && f.width() < 120),
                    faces.toString());
        }
    }

    @Test
    void choiceNamesAreParsed() {
        assertEquals(FaceDetectors.Choice.HAAR, FaceDetectors.Choice.parse(" Haar"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FaceDetectors.Choice.parse("mtcnn")).getMessage().contains("auto, blazeface or haar"));
    }
}
