package org.omnisila.engine.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.llm.ManagerLeaks;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.ModelManifest;
import org.omnisila.engine.tfjs.GraphManagers;
import org.omnisila.engine.tfjs.TfjsGraphModel;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SegmentFrames;
import org.omnisila.engine.vision.ExpressionModel;
import org.omnisila.engine.vision.ObjectDetector;
import org.omnisila.engine.vision.SelfieSegmenter;

/**
 * The four extractors run on every segment of an analysis: five segments leave the DJL models' managers (the
 * emotion graph's and CenterNet's, which live as long as the extractors) as two did. The graphs are loaded here so
 * that the counts are this test's alone; the OpenCV models hold no DJL arrays.
 */
class NoArraysLeftOnTheExtractorsTest {

    @Test
    void segmentsLeaveNothingOnTheModels() {
        TfjsGraphModel emotion = TfjsGraphModel.load(ModelManifest.load(ExpressionModel.MANIFEST), new ModelFiles(),
                Device.cpu());
        TfjsGraphModel centernet = TfjsGraphModel.load(ModelManifest.load(ObjectDetector.MANIFEST),
                new ModelFiles(), Device.cpu());
        List<NDManager> managers = List.of(GraphManagers.of(emotion), GraphManagers.of(centernet));
        try (ObjectPass pass = new ObjectPass(new ObjectDetector(centernet, SceneFrames.PASS.labels()),
                ObjectDetector.Settings.HUMAN_DEFAULTS);
             FaceExtractor face = new FaceExtractor(FaceDetectors.open(FaceDetectors.Choice.BLAZEFACE),
                     new ExpressionModel(emotion), Device.cpu());
             ActionExtractor action = new ActionExtractor(pass, PoseLandmarker.load());
             ObjectExtractor object = new ObjectExtractor(pass);
             BackgroundExtractor masked = new BackgroundExtractor(pass, SelfieSegmenter.load(new ModelFiles()),
                     BackgroundExtractor.Embedding.MASKED_POOL);
             BackgroundExtractor filled = new BackgroundExtractor(pass, SelfieSegmenter.load(new ModelFiles()),
                     BackgroundExtractor.Embedding.FILLED_FRAME)) {
            List<List<Integer>> counts = new ArrayList<>();
            for (int call = 1; call <= 5; call++) {
                // new frame objects each time: the pass remembers results by frame identity, and CenterNet must run
                SegmentFrames segment = SceneImages.segment(List.of(copy(SceneImages.party()),
                        copy(SceneImages.portrait())));
                int runs = pass.runs();
                assertFalse(face.faces(segment).get(0).isEmpty(), "faces in the party photo");
                assertFalse(action.persons(segment.frames().get(0)).isEmpty(), "persons in the party photo");
                for (SceneExtractor e : List.of(face, action, object, masked, filled)) {
                    e.extract(segment);
                }
                assertEquals(runs + 4, pass.runs(), "CenterNet once per frame, and on each blacked-out frame");
                counts.add(managers.stream().map(ManagerLeaks::count).toList());
            }
            assertEquals(counts.get(1), counts.get(4), () -> "emotion, CenterNet after each segment " + counts
                    + ": " + ManagerLeaks.describe(managers.get(0)) + " | " + ManagerLeaks.describe(managers.get(1)));
        }
    }

    private static RgbImage copy(RgbImage image) {
        return new RgbImage(image.width(), image.height(), image.rgb()); // a new object with the same pixels
    }
}
