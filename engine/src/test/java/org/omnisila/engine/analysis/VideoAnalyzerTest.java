package org.omnisila.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.api.Cue;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.MovingFaceVideo;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.scene.SceneExtractors;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.VideoCancelledException;

/**
 * A generated 2 s video of a sliding face through the real extractors and a small ICM (randomly initialised,
 * seeded: these tests check the pipeline's plumbing and result, not what a trained model says).
 */
class VideoAnalyzerTest {
    private static List<SceneExtractor> extractors;
    private static NDManager manager;
    private static IcmModel model;
    private static final ModelInfo INFO = new ModelInfo("ICM", "small", null, "cpu");

    @TempDir
    static Path dir;
    private static Path video;

    @BeforeAll
    static void setUp() throws Exception {
        video = dir.resolve("face.mp4");
        MovingFaceVideo.write(video);
        extractors = SceneExtractors.open(Device.cpu(), new ModelFiles());
        manager = NDManager.newBaseManager("PyTorch");
        model = CheckpointModels.untrained(extractors.stream().map(SceneExtractor::width).toList(),
                SentimentLabels.EXPLICIT, manager, 2);
    }

    @AfterAll
    static void tearDown() {
        extractors.forEach(SceneExtractor::close);
        manager.close();
    }

    private static VideoAnalyzer analyzer(SegmentPlan plan) {
        return new VideoAnalyzer(model, INFO, extractors, plan, 3, null, manager);
    }

    @Test
    void analysesEverySegmentWithRoutingEffectsCuesAndAttribution() throws Exception {
        List<Double> progress = new ArrayList<>();
        AnalysisOutcome outcome = analyzer(new SegmentPlan(1.0, 8)).analyze(video, (phase, f) -> progress.add(f),
                () -> false);
        VideoAnalysis a = outcome.analysis();

        assertEquals(2, a.segments().size(), "2 s at 1 s segments");
        boolean faceCue = false;
        for (SegmentResult s : a.segments()) {
            assertEquals(8, s.frameTimes().size());
            assertEquals(SentimentLabels.EXPLICIT, List.copyOf(s.sentimentScores().keySet()));
            assertEquals(1.0, s.routing().sum(), 1e-3);
            assertNotNull(s.causalEffect());
            assertNotNull(s.attribution());
            assertTrue(s.attribution().startsWith(s.topLabel()), s.attribution());
            double weights = 0;
            for (Scene scene : Scene.values()) {
                assertTrue(s.cues().get(scene).size() <= 3);
                for (Cue c : s.cues().get(scene)) {
                    assertTrue(c.time() >= s.start() - 0.1 && c.time() <= s.end() + 0.1, c.toString());
                    weights += c.weight();
                }
            }
            assertTrue(weights <= 1 + 1e-6, "cue weights are shares of the segment's relevance: " + weights);
            faceCue |= s.cues().face().stream().anyMatch(c -> c.text().startsWith("face 1:") && c.box() != null);
        }
        assertTrue(faceCue, "the sliding face is a cue of at least one segment");
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), progress.toString());
        }
        assertEquals(1.0, progress.get(progress.size() - 1), 1e-9);

        Path json = dir.resolve("result.json");
        ResultJson.write(a, json);
        assertEquals(a, ResultJson.read(json));
    }

    @Test
    void aSecondAnalysisTakesTheScenesFromTheCacheAndGivesTheSameResult() throws Exception {
        List<SceneExtractor> counted = new ArrayList<>();
        int[] calls = new int[1];
        for (SceneExtractor e : extractors) {
            counted.add(new CountingExtractor(e, calls));
        }
        List<String> notices = new ArrayList<>();
        SceneCache cache = new SceneCache(dir.resolve("scene-cache"), SceneCache.DEFAULT_LIMIT, notices::add);
        SegmentPlan plan = new SegmentPlan(1.0, 8);
        VideoAnalyzer cached = new VideoAnalyzer(model, INFO, counted, plan, 3, cache, manager);

        VideoAnalysis first = cached.analyze(video, AnalysisListener.SILENT, () -> false).analysis();
        assertEquals(8, calls[0], "4 extractors x 2 segments");
        VideoAnalysis second = cached.analyze(video, AnalysisListener.SILENT, () -> false).analysis();
        assertEquals(8, calls[0], "the second analysis decoded and extracted nothing");
        assertEquals(first, second);
        assertEquals(first, analyzer(plan).analyze(video, AnalysisListener.SILENT, () -> false).analysis(),
                "the cached features give the result the uncached pipeline gives");
        assertEquals(List.of(), notices);

        cached = new VideoAnalyzer(model, INFO, counted, new SegmentPlan(2.0, 8), 3, cache, manager);
        cached.analyze(video, AnalysisListener.SILENT, () -> false);
        assertEquals(12, calls[0], "another segment plan is another key");
    }

    /** A real extractor that counts the segments it extracts. */
    private record CountingExtractor(SceneExtractor inner, int[] calls) implements SceneExtractor {
        @Override
        public Scene scene() {
            return inner.scene();
        }

        @Override
        public int width() {
            return inner.width();
        }

        @Override
        public int slots() {
            return inner.slots();
        }

        @Override
        public String version() {
            return inner.version();
        }

        @Override
        public org.omnisila.engine.scene.SceneFeatures extract(org.omnisila.engine.video.SegmentFrames segment) {
            calls[0]++;
            return inner.extract(segment);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void cancellationStopsTheAnalysis() {
        assertThrows(VideoCancelledException.class, () -> analyzer(SegmentPlan.DEFAULT).analyze(video,
                AnalysisListener.SILENT, () -> true));
    }

    @Test
    void aModelTrainedOnOtherFeaturesIsRefusedWithBothWidths() {
        IcmModel synthetic = new IcmModel(IcmConfig.small().withData(List.of(64, 96, 48, 32),
                SentimentLabels.EXPLICIT), IcmModel.Variant.FULL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VideoAnalyzer(synthetic, INFO, extractors, SegmentPlan.DEFAULT, 3, null, manager));
        assertTrue(e.getMessage().contains("[64, 96, 48, 32]") && e.getMessage().contains("other features"),
                e.getMessage());
    }
}
