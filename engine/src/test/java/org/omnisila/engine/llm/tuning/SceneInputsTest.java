package org.omnisila.engine.llm.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.analysis.CollectedVideo;
import org.omnisila.engine.analysis.SceneCollection;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.scene.SceneExtractors;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.SyntheticVideo;
import org.omnisila.engine.video.VideoProbe;

/**
 * The scene features of a video's 8 frames through the four bundled extractors: the same numbers as the small
 * model's path ({@link SceneCollection}, one segment over the whole video), scene order, shapes.
 */
class SceneInputsTest {
    @TempDir
    static Path dir;
    private static Path video;
    private static List<SceneExtractor> extractors;

    @BeforeAll
    static void setUp() throws Exception {
        video = dir.resolve("v.mp4");
        SyntheticVideo.mp4(160, 120, 25, 50).texture(true).write(video); // 2 s
        extractors = SceneExtractors.open(Device.cpu(), new ModelFiles());
    }

    @AfterAll
    static void tearDown() {
        extractors.forEach(SceneExtractor::close);
    }

    @Test
    void sameFeaturesAsTheSmallModelsPathInSceneOrder() {
        VideoFrames8 frames = VideoFrames8.sample(video, VideoFrames8.Decoding.ONE_PASS, p -> { }, () -> false);
        SceneInputs inputs = SceneInputs.extract(extractors, frames);
        assertEquals(List.of(Scene.FACE, Scene.ACTION, Scene.OBJECT, Scene.BACKGROUND), inputs.scenes());
        assertEquals(8, inputs.frames());

        double duration = VideoProbe.probe(video).duration();
        CollectedVideo collected = new SceneCollection(extractors, new SegmentPlan(duration + 1, 8), null)
                .collect(video, "unused", p -> { }, () -> false);
        assertEquals(1, collected.segments().size());
        for (int j = 0; j < 4; j++) {
            assertEquals(extractors.get(j).width(), inputs.width(j));
            float[][] expected = collected.segments().get(0).scenes().get(j).values();
            for (int t = 0; t < 8; t++) {
                assertArrayEquals(expected[t], inputs.values()[j][t], "scene " + j + " frame " + t);
            }
        }
        boolean anyNonZero = false;
        for (float v : inputs.values()[3][0]) {
            anyNonZero |= v != 0;
        }
        assertTrue(anyNonZero, "the background embedding of a frame is not all zeros");

        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDList nd = inputs.toNd(manager);
            for (int j = 0; j < 4; j++) {
                assertEquals(new Shape(1, 8, inputs.width(j)), nd.get(j).getShape());
                assertArrayEquals(inputs.values()[j][5], nd.get(j).get(0).get(5).toFloatArray());
            }
        }
    }

    @Test
    void extractorsOutOfSceneOrderAreRefused() {
        List<SceneExtractor> swapped = new ArrayList<>(extractors);
        Collections.swap(swapped, 1, 2);
        VideoFrames8 frames = VideoFrames8.sample(video);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SceneInputs.extract(swapped, frames));
        assertTrue(e.getMessage().contains("expected ACTION"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SceneInputs.extract(extractors.subList(0, 3), frames));
    }
}
