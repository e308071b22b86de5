package org.omnisila.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.scene.SceneExtractors;
import org.omnisila.engine.train.ExpressionTeacher;
import org.omnisila.engine.video.PhotoSlideshow;
import org.omnisila.engine.video.SegmentPlan;

/**
 * The bundled checkpoint loads, fits the bundled extractors, and does what its model card says: on real
 * footage it gives the label its teacher (the expression model) gives. The footage: face-api's sample2 (one
 * sad-looking face, says TF.js) and sample3 (a happy and a neutral face) for 4 s each, zoomed with another seed
 * than the training footage had, then 4 s of a plain grey picture with no face.
 */
class EmbeddedModelTest {
    @TempDir
    static Path dir;
    private static List<SceneExtractor> extractors;
    private static NDManager manager;

    @BeforeAll
    static void setUp() {
        extractors = SceneExtractors.open(Device.cpu(), new ModelFiles());
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    }

    @AfterAll
    static void tearDown() {
        extractors.forEach(SceneExtractor::close);
        manager.close();
    }

    @Test
    void theCheckpointFitsTheExtractorsAndSaysWhatItWasTrainedOn() {
        CheckpointModels.Loaded loaded = CheckpointModels.load(EmbeddedModel.checkpoint(new ModelFiles(dir)), manager);
        IcmConfig c = loaded.model().config();
        assertEquals(extractors.stream().map(SceneExtractor::width).toList(), c.sceneWidths());
        assertEquals(SentimentLabels.EXPLICIT, c.labels());
        assertTrue(EmbeddedModel.summary().contains("distilled"), EmbeddedModel.summary());
    }

    @Test
    void onAPortraitAndAnEmptyPictureItAgreesWithItsTeacher() throws Exception {
        List<Path> photos = new ArrayList<>();
        for (String name : List.of("faceapi-sample2-640.jpg", "faceapi-sample3-640.jpg")) {
            Path photo = dir.resolve(name);
            try (InputStream in = EmbeddedModelTest.class.getResourceAsStream("/scene/" + name)) {
                Files.copy(in, photo);
            }
            photos.add(photo);
        }
        Path grey = dir.resolve("grey.png");
        opencv_imgcodecs.imwrite(grey.toString(), new Mat(360, 640, org.bytedeco.opencv.global.opencv_core.CV_8UC3,
                new Scalar(120, 128, 110, 0)));
        photos.add(grey);
        Path video = dir.resolve("slides.mp4");
        new PhotoSlideshow(640, 360, 10, 4).write(photos, 99, video);

        SegmentPlan plan = SegmentPlan.DEFAULT;
        SceneCache cache = new SceneCache(dir.resolve("cache"), SceneCache.DEFAULT_LIMIT, n -> { });
        CollectedVideo collected = new SceneCollection(extractors, plan, cache).collect(video,
                org.omnisila.engine.models.Sha256.of(video), f -> { }, () -> false);
        List<String> teacher = new ArrayList<>();
        for (CollectedSegment s : collected.segments()) {
            teacher.add(ExpressionTeacher.label(s.scenes().get(0).values()));
        }
        assertEquals(6, teacher.size());
        assertEquals(List.of("neutral", "neutral"), teacher.subList(4, 6), "no face, no sentiment: " + teacher);
        assertTrue(teacher.subList(0, 4).stream().filter(l -> !l.equals("neutral")).count() >= 2,
                "the faces carry a sentiment on at least 2 of 4 segments: " + teacher);

        CheckpointModels.Loaded loaded = CheckpointModels.load(EmbeddedModel.checkpoint(new ModelFiles(dir)), manager);
        VideoAnalyzer analyzer = new VideoAnalyzer(loaded.model(), new ModelInfo("ICM", "small", null, "cpu"),
                extractors, plan, 3, cache, manager);
        List<String> model = new ArrayList<>();
        for (SegmentResult s : analyzer.analyze(video, AnalysisListener.SILENT, () -> false).analysis().segments()) {
            model.add(s.topLabel());
        }
        assertEquals(teacher, model);
    }
}
