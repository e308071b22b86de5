package org.omnisila.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.llm.ManagerLeaks;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.ModelManifest;
import org.omnisila.engine.scene.ActionExtractor;
import org.omnisila.engine.scene.BackgroundExtractor;
import org.omnisila.engine.scene.FaceDetectors;
import org.omnisila.engine.scene.FaceExtractor;
import org.omnisila.engine.scene.MovingFaceVideo;
import org.omnisila.engine.scene.ObjectExtractor;
import org.omnisila.engine.scene.ObjectPass;
import org.omnisila.engine.scene.PoseLandmarker;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.tfjs.GraphManagers;
import org.omnisila.engine.tfjs.TfjsGraphModel;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.vision.ExpressionModel;
import org.omnisila.engine.vision.ObjectDetector;

/**
 * A whole analysis (extraction, the ICM's forward pass, its interventions and the cue attribution's backward pass)
 * run five times leaves the long-lived managers as two runs did: the ICM's parameters', the emotion graph's and
 * CenterNet's. The graphs are loaded here so that the counts are this test's alone.
 */
class NoArraysLeftAfterAnalysisTest {

    @Test
    void analysesLeaveNothingOnTheModels(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("face.mp4");
        MovingFaceVideo.write(video);
        ModelManifest centernetFiles = ModelManifest.load(ObjectDetector.MANIFEST);
        List<String> labels = new ArrayList<>();
        new ObjectMapper().readTree(new ModelFiles().path(centernetFiles, "labels").toFile()).path("labels")
                .forEach(l -> labels.add(l.asText()));
        TfjsGraphModel emotion = TfjsGraphModel.load(ModelManifest.load(ExpressionModel.MANIFEST), new ModelFiles(),
                Device.cpu());
        TfjsGraphModel centernet = TfjsGraphModel.load(centernetFiles, new ModelFiles(), Device.cpu());
        List<SceneExtractor> extractors = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             ObjectPass pass = new ObjectPass(new ObjectDetector(centernet, labels),
                     ObjectDetector.Settings.HUMAN_DEFAULTS)) {
            extractors.add(new FaceExtractor(FaceDetectors.open(FaceDetectors.Choice.BLAZEFACE),
                    new ExpressionModel(emotion), Device.cpu()));
            extractors.add(new ActionExtractor(pass, PoseLandmarker.load()));
            extractors.add(new ObjectExtractor(pass));
            extractors.add(BackgroundExtractor.open(pass, new ModelFiles()));
            IcmModel model = CheckpointModels.untrained(extractors.stream().map(SceneExtractor::width).toList(),
                    SentimentLabels.EXPLICIT, manager, 2);
            VideoAnalyzer analyzer = new VideoAnalyzer(model, new ModelInfo("ICM", "small", null, "cpu"), extractors,
                    new SegmentPlan(1.0, 2), 3, null, manager); // no scene cache: every run extracts
            List<NDManager> managers = List.of(manager, GraphManagers.of(emotion), GraphManagers.of(centernet));
            List<List<Integer>> counts = new ArrayList<>();
            for (int run = 1; run <= 5; run++) {
                analyzer.analyze(video, AnalysisListener.SILENT, () -> false);
                counts.add(managers.stream().map(ManagerLeaks::count).toList());
            }
            assertEquals(counts.get(1), counts.get(4), () -> "ICM, emotion, CenterNet after each analysis "
                    + counts + ": " + ManagerLeaks.describe(manager));
        } finally {
            extractors.forEach(SceneExtractor::close);
        }
    }
}
