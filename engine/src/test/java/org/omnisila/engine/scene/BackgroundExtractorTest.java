package org.omnisila.engine.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.models.ModelFileException;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.SceneFeatures.SlotCue;
import org.omnisila.engine.vision.Detection;
import org.omnisila.engine.vision.SelfieSegmenter;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SegmentFrames;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.SegmentSampler;
import org.omnisila.engine.video.SyntheticVideo;

/** The person mask on the party photo, the background embedding, and both extractors on a generated video. */
class BackgroundExtractorTest {

    private static BackgroundExtractor extractor(BackgroundExtractor.Embedding embedding) {
        return new BackgroundExtractor(SceneFrames.PASS, SelfieSegmenter.load(new ModelFiles()), embedding);
    }

    @Test
    void theMaskCoversThePeopleMoreThanTheRest() {
        RgbImage photo = SceneFrames.photo();
        float[] mask;
        try (SelfieSegmenter s = SelfieSegmenter.load(new ModelFiles())) {
            mask = s.mask(photo);
            assertEquals(256 * 256, mask.length);
            float[] again = s.mask(photo);
            assertTrue(Arrays.equals(mask, again), "deterministic");
        }
        boolean[] inPerson = new boolean[mask.length];
        for (Detection d : SceneFrames.PASS.analyse(photo).detections()) {
            if (d.classIndex() == RelationRules.PERSON && d.score() > 0.4f) { // the three women
                for (int y = (int) (d.y1() / 2); y < (int) (d.y2() / 2); y++) {
                    for (int x = (int) (d.x1() / 2); x < (int) (d.x2() / 2); x++) {
                        inPerson[y * 256 + x] = true;
                    }
                }
            }
        }
        double in = 0;
        double out = 0;
        int nIn = 0;
        for (int i = 0; i < mask.length; i++) {
            assertTrue(mask[i] >= 0 && mask[i] <= 1, "a probability: " + mask[i]);
            if (inPerson[i]) {
                in += mask[i];
                nIn++;
            } else {
                out += mask[i];
            }
        }
        in /= nIn;
        out /= mask.length - nIn;
        assertTrue(nIn > 10_000, "the three women's boxes cover much of the photo: " + nIn);
        assertTrue(in > 0.5 && in > 2 * out, "mean mask in person boxes " + in + ", outside " + out);
    }

    @Test
    void takingThePeopleOutChangesTheEmbedding() {
        RgbImage photo = SceneFrames.photo();
        float[] all = new float[ObjectPass.GRID * ObjectPass.GRID];
        Arrays.fill(all, 1);
        float[] unmasked = SceneFrames.PASS.analyse(photo).pooled(all);
        try (BackgroundExtractor masked = extractor(BackgroundExtractor.Embedding.MASKED_POOL);
                BackgroundExtractor filled = extractor(BackgroundExtractor.Embedding.FILLED_FRAME);
                SelfieSegmenter s = SelfieSegmenter.load(new ModelFiles())) {
            float[] mask = s.mask(photo);
            float[] pooled = masked.embed(photo, mask);
            float[] black = filled.embed(photo, mask);
            float[] blackAgain = filled.embed(photo, mask);
            assertTrue(Arrays.equals(black, blackAgain), "deterministic");
            assertTrue(distance(unmasked, black) > 0.1 * norm(unmasked), distance(unmasked, black) + " vs norm "
                    + norm(unmasked));
            assertTrue(distance(unmasked, pooled) > 0.05 * norm(unmasked), distance(unmasked, pooled) + " vs norm "
                    + norm(unmasked));
            RgbImage blackedOut = BackgroundExtractor.blackOut(photo, mask);
            assertEquals(0, blackedOut.pixel(256, 256) & 0xffffff, "the middle woman is black");
        }
        // A frame that is all person weighs nothing: the pooled vector is zeros, not NaN.
        float[] none = new float[ObjectPass.GRID * ObjectPass.GRID];
        for (float v : SceneFrames.PASS.analyse(photo).pooled(none)) {
            assertEquals(0, v);
        }
    }

    @Test
    void layoutAndCueOfOneFrame() {
        try (BackgroundExtractor x = extractor(BackgroundExtractor.Embedding.MASKED_POOL)) {
            assertEquals(Scene.BACKGROUND, x.scene());
            assertEquals(1, x.slots());
            assertEquals(488, x.width());
            SceneFeatures f = x.extract(SceneFrames.of(SceneFrames.photo(), SceneFrames.grey(320, 240)));
            float[] party = f.values()[0];
            float people = party[BackgroundExtractor.EMBEDDING + BackgroundStats.PEOPLE];
            assertTrue(people > 0.2 && people < 0.9, "people cover " + people);
            SlotCue cue = f.cues().get(0).get(0);
            assertNull(cue.box());
            assertTrue(cue.text().matches("(dark|mid-tone|bright) background, people cover \\d+% of frame"),
                    cue.text());
            float[] grey = f.values()[1];
            assertEquals(128 / 255f, grey[BackgroundExtractor.EMBEDDING], 1e-3f);
            assertEquals(0, grey[BackgroundExtractor.EMBEDDING + 3], 1e-3f);
            assertTrue(grey[BackgroundExtractor.EMBEDDING + BackgroundStats.PEOPLE] < 0.2);
            assertTrue(f.cues().get(1).get(0).text().startsWith("mid-tone background"), f.cues().get(1).get(0).text());
        }
    }

    @Test
    void aGeneratedVideoGivesFiniteFeaturesOfTheDocumentedWidths(@TempDir Path dir) throws Exception {
        Path mp4 = dir.resolve("synthetic.mp4");
        SyntheticVideo.mp4(160, 120, 10, 10).write(mp4); // 1 s
        List<SegmentFrames> segments = new ArrayList<>();
        new SegmentSampler(new SegmentPlan(1.0, 4)).sample(mp4, segments::add);
        assertEquals(1, segments.size());
        try (BackgroundExtractor background = extractor(BackgroundExtractor.Embedding.MASKED_POOL);
                ObjectExtractor objects = new ObjectExtractor(SceneFrames.PASS)) {
            int runs = SceneFrames.PASS.runs();
            SceneFeatures o = objects.extract(segments.get(0));
            SceneFeatures b = background.extract(segments.get(0));
            assertEquals(4, SceneFrames.PASS.runs() - runs, "one CenterNet run per frame for both extractors");
            for (SceneFeatures f : List.of(o, b)) {
                assertEquals(4, f.frames());
                for (int t = 0; t < 4; t++) {
                    assertEquals(f == o ? 288 : 488, f.values()[t].length);
                    assertEquals(f == o ? 6 : 1, f.cues().get(t).size());
                    for (float v : f.values()[t]) {
                        assertTrue(Float.isFinite(v));
                    }
                }
            }
        }
    }

    @Test
    void aMissingModelFileIsNamedWithItsSha256(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectory(dir.resolve("models"));
        ModelFiles files = new ModelFiles(dir.resolve("cache"), empty);
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> BackgroundExtractor.open(SceneFrames.PASS, files));
        assertTrue(e.getMessage().contains("selfie_segmentation.tflite"), e.getMessage());
        assertTrue(e.getMessage().contains("8d13b7fae74af625c641226813616a2117bd6bca19eb3b75574621fc08557f27"),
                e.getMessage());
        ModelFileException c = assertThrows(ModelFileException.class,
                () -> ObjectExtractor.open(ai.djl.Device.cpu(), files));
        assertTrue(c.getMessage().contains("centernet.json") || c.getMessage().contains("coco-labels.json"),
                c.getMessage());
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    private static double norm(float[] a) {
        return distance(a, new float[a.length]);
    }
}
