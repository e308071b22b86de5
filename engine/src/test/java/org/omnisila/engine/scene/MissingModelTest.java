package org.omnisila.engine.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.models.ModelFileException;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.ModelManifest;

/** A model directory without the .tflite files: the user is told which file and which sha256; AUTO falls back. */
class MissingModelTest {

    @Test
    void missingPoseModelNamesFileAndHash(@TempDir Path dir) {
        ModelFiles empty = new ModelFiles(dir.resolve("cache"), dir);
        String message = assertThrows(ModelFileException.class, () -> PoseLandmarker.load(empty)).getMessage();
        assertTrue(message.contains("pose_landmark_lite.tflite"), message);
        assertTrue(message.contains(ModelManifest.load(PoseLandmarker.MANIFEST).file("model").sha256()), message);
    }

    @Test
    void missingFaceModelFailsOrFallsBack(@TempDir Path dir) {
        ModelFiles empty = new ModelFiles(dir.resolve("cache"), dir);
        String message = assertThrows(ModelFileException.class,
                () -> FaceDetectors.open(FaceDetectors.Choice.BLAZEFACE, empty)).getMessage();
        assertTrue(message.contains("face_detection_short_range.tflite") && message.contains(
                ModelManifest.load(BlazeFaceDetector.MANIFEST).file(BlazeFaceDetector.ROLE).sha256()), message);
        try (FaceDetector d = FaceDetectors.open(FaceDetectors.Choice.AUTO, empty)) {
            assertEquals("Haar cascade", d.name());
        }
    }
}
