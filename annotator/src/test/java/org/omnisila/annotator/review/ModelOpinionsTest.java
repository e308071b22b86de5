package org.omnisila.annotator.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Aspects;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemSource;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.engine.api.SceneCues;
import org.omnisila.engine.api.SegmentResult;

/** A model's opinion of an item's span, worked out by hand from per-segment scores; recorded and replaced. */
class ModelOpinionsTest {

    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

    @TempDir
    Path folder;

    private static SegmentResult segment(int index, double start, double end, double negative, double positive) {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("negative", negative);
        scores.put("positive", positive);
        return new SegmentResult(index, start, end, List.of(start), scores, null, null, SceneCues.empty(), null);
    }

    private static Item item(double start, double end) {
        return new Item(1, 1, "/v.mp4", start, end, null, "negative", Aspects.none(), null, ItemSource.ATTRIBUTION,
                "gpt", "", null, ItemState.UNREVIEWED, null);
    }

    private static final List<SegmentResult> SEGMENTS = List.of(segment(0, 0, 2, 0.8, 0.2), segment(1, 2, 4, 0.2,
            0.8), segment(2, 4, 6, 0.5, 0.5));

    @Test
    void scoresAreAveragedOverTheOverlappingSegmentsWeightedByOverlap() {
        // [1, 4] overlaps [0, 2] by 1 s and [2, 4] by 2 s: negative (0.8 + 2 * 0.2) / 3 = 0.4, positive 0.6
        ModelOpinion opinion = ModelOpinions.fromSegments(item(1, 4), SEGMENTS, "ICM", AT).orElseThrow();
        assertEquals("positive", opinion.label());
        assertEquals(0.6, opinion.confidence(), 1e-12);
        assertEquals(0.4, opinion.uncertainty(), 1e-12);
        assertEquals("ICM", opinion.model());
        assertEquals(AT, opinion.at());

        // inside one segment: its scores
        ModelOpinion inside = ModelOpinions.fromSegments(item(0.5, 1.5), SEGMENTS, "ICM", AT).orElseThrow();
        assertEquals("negative", inside.label());
        assertEquals(0.8, inside.confidence(), 1e-12);
    }

    @Test
    void aFrameTakesTheSegmentsContainingItAndATieGoesToTheFirstLabel() {
        // at 2.0 s both [0, 2] and [2, 4] contain the frame: (0.8 + 0.2) / 2 = 0.5 each; "negative" is listed first
        ModelOpinion frame = ModelOpinions.fromSegments(item(2, 2), SEGMENTS, "ICM", AT).orElseThrow();
        assertEquals("negative", frame.label());
        assertEquals(0.5, frame.confidence(), 1e-12);
        assertEquals("positive", ModelOpinions.fromSegments(item(3, 3), SEGMENTS, "ICM", AT).orElseThrow().label());
    }

    @Test
    void aSpanTheAnalysisDoesNotCoverHasNoOpinion() {
        assertEquals(Optional.empty(), ModelOpinions.fromSegments(item(7, 9), SEGMENTS, "ICM", AT));
        assertEquals(Optional.empty(), ModelOpinions.fromSegments(item(1, 2), List.of(), "ICM", AT));
    }

    @Test
    void opinionsAreCheckedRecordedAndReplacedPerModel() {
        assertThrows(IllegalArgumentException.class, () -> new ModelOpinion("ICM", "negative", 1.5, AT));
        assertThrows(IllegalArgumentException.class, () -> new ModelOpinion(" ", "negative", 0.5, AT));
        try (AnnotationProject project = AnnotationProject.open(ReviewProjects.create(folder, "m.sila"), "Ann")) {
            long[] ids = ReviewProjects.addItems(project, "/v.mp4", null, "negative", "positive");
            ModelOpinions opinions = new ModelOpinions(project);
            assertEquals(Optional.empty(), opinions.latest(ids[0]));

            opinions.record(ids[0], new ModelOpinion("ICM", "negative", 0.9, AT));
            opinions.record(ids[0], new ModelOpinion("Video-LLaVA", "positive", 0.6, AT.plusSeconds(60)));
            assertEquals("Video-LLaVA", opinions.latest(ids[0]).orElseThrow().model());
            opinions.record(ids[0], new ModelOpinion("ICM", "positive", 0.7, AT.plusSeconds(120)));
            assertEquals(new ModelOpinion("ICM", "positive", 0.7, AT.plusSeconds(120)),
                    opinions.latest(ids[0]).orElseThrow(), "running a model again replaces its opinion");
            assertEquals(2, opinions.all(ids[0]).size());
            assertTrue(opinions.latest(ids[1]).isEmpty());
            assertEquals("the project has no item 999", assertThrows(IllegalArgumentException.class,
                    () -> opinions.record(999, new ModelOpinion("ICM", "negative", 0.5, AT))).getMessage());
        }
    }
}
