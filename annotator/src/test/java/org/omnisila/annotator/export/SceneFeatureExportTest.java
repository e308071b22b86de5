package org.omnisila.annotator.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Aspects;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemSource;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.data.SceneDataset;
import org.omnisila.engine.data.SceneDatasetFiles;
import org.omnisila.engine.data.SceneSegment;
import org.omnisila.engine.data.SceneVideo;
import org.omnisila.engine.video.SegmentPlan;

/** The scene-feature data set of {@link ExportFixture}'s project, read back with the engine's reader. */
class SceneFeatureExportTest {

    @TempDir
    static Path dir;
    private static Path project;

    @BeforeAll
    static void createProject() throws IOException {
        project = ExportFixture.create(dir);
    }

    @Test
    void segmentsAreLabelledByTheExportedItemsAndTheReaderTakesTheDataSet() throws IOException {
        Path out = dir.resolve("features");
        SceneSource source = new SceneSource(FrameIndexExtractor.four(), new SegmentPlan(1.0, 8), null);
        ExportReport report;
        try (AnnotationProject p = AnnotationProject.open(project, "Exporter")) {
            report = new AnnotationExporter(ExportSettings.DEFAULT.withSets(EnumSet.of(ExportSet.SCENE_FEATURES)),
                    source).export(p, out, ExportListener.SILENT, () -> false);
        }
        assertEquals(Map.of("scene-features", 12), report.entries());

        SceneDataset data = SceneDatasetFiles.read(out.resolve("scene-features"));
        assertEquals("Protest footage", data.name());
        assertEquals(SentimentLabels.EXPLICIT, data.labels());
        assertEquals(List.of(2, 2, 2, 2), data.sceneWidths());
        assertEquals(8, data.frames());
        assertEquals(List.of("a.mp4", "b.mp4", "c.mp4"), data.videos().stream().map(SceneVideo::id).toList());
        assertEquals(List.of("test", "train", "train"), data.videos().stream().map(SceneVideo::subset).toList());

        SceneVideo a = data.videos().get(0);
        assertEquals(4.0, a.duration(), 1e-6);
        // item 1 (0-2 s) and item 2 (3-4 s) are negative; the rejected item 3 (1-3 s, neutral) labels nothing
        assertEquals(List.of("negative", "negative", "neutral", "negative"), labels(a));
        assertEquals(List.of(new SceneVideo.Event(0, 2, "negative"), new SceneVideo.Event(3, 4, "negative")),
                a.events());
        // item 4 (1-3.25 s) is positive; the unreviewed item 5 (0-1 s) is not exported
        SceneVideo b = data.videos().get(1);
        assertEquals(List.of("neutral", "positive", "positive", "positive"), labels(b));
        assertEquals(List.of(new SceneVideo.Event(1, 3.25, "positive")), b.events());
        SceneVideo c = data.videos().get(2);
        assertEquals(List.of("negative", "negative", "neutral", "neutral"), labels(c));

        // the features are the extractor's, of the plan's frames: 1 s at 25 fps takes slots 0, 3, 6, 10, ...
        SceneSegment second = a.segments().get(1);
        assertEquals(1.0, second.start(), 1e-9);
        float[] face = second.scene(0);
        int[] expected = {25, 28, 31, 35, 38, 42, 45, 49};
        for (int k = 0; k < 8; k++) {
            assertEquals(expected[k], face[2 * k], "frame " + k);
            assertTrue(face[2 * k + 1] > 0 && face[2 * k + 1] < 1, "brightness");
        }
        assertArrayEquals(face, second.scene(3), "every scene saw the same frames");

        JsonNode card = new ObjectMapper().readTree(out.resolve("card.json").toFile());
        assertEquals(4, card.at("/sceneFeatures/test/segments").asInt());
        assertEquals(8, card.at("/sceneFeatures/train/segments").asInt());
        assertEquals(2, card.at("/sceneFeatures/train/events").asInt(), "b: 1, c: 1");
        assertEquals(2, card.at("/sceneFeatures/test/events").asInt(), "a: 2");
        assertTrue(Files.notExists(out.resolve("scene-tuning")), "only the set asked for");
    }

    @Test
    void theMostOverlappingItemLabelsASegmentTiesGoingToTheEarlierOne() {
        List<Item> items = List.of(item(1, 0.0, 1.5, "Fighting"), item(2, 1.5, 3.0, "Fire"),
                item(3, 1.0, 1.0, "Theft"), item(4, 5.0, 6.0, null));
        assertEquals("Fighting", SceneFeatureExport.labelOf(0, 2, items, "Normal"), "1.5 s against 0.5 s");
        assertEquals("Fighting", SceneFeatureExport.labelOf(1, 2, items, "Normal"), "0.5 s each: the earlier");
        assertEquals("Fire", SceneFeatureExport.labelOf(1.4, 3, items, "Normal"));
        assertEquals("Normal", SceneFeatureExport.labelOf(3, 5, items, "Normal"), "touching is no overlap");
        assertEquals("Normal", SceneFeatureExport.labelOf(5, 6, items, "Normal"), "an item without a label");
        assertEquals(List.of(new SceneVideo.Event(0, 1.5, "Fighting"), new SceneVideo.Event(1.5, 3, "Fire")),
                SceneFeatureExport.events(items, "Normal"), "the single frame and the unlabelled item are no events");
    }

    @Test
    void labelsOfBothFamiliesCannotBeTrainedOn() {
        ExportException e = assertThrows(ExportException.class, () -> SceneFeatureExport.labelSet(Map.of(1L,
                List.of(item(1, 0, 1, "Fighting"), item(2, 1, 2, "p")))));
        assertTrue(e.getMessage().contains("the exported items have [Fighting, positive], a mix of both."
                + " Relabel the items, or export without scene-features"), e.getMessage());
        assertEquals(SentimentLabels.IMPLICIT, SceneFeatureExport.labelSet(Map.of(1L,
                List.of(item(1, 0, 1, "Fighting"), item(2, 1, 2, "Normal")))));
    }

    private static List<String> labels(SceneVideo v) {
        return v.segments().stream().map(SceneSegment::label).toList();
    }

    static Item item(long id, double start, double end, String label) {
        return new Item(id, 1, "/v.mp4", start, end, null, label, Aspects.none(), null, ItemSource.ATTRIBUTION,
                "gpt", "1", null, ItemState.ACCEPTED, null);
    }
}
