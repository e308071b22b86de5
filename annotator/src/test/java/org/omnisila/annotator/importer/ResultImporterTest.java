package org.omnisila.annotator.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.omnisila.annotator.project.Aspects;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemFilter;
import org.omnisila.annotator.project.ItemSource;
import org.omnisila.engine.api.Cue;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.api.SceneCues;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.api.VideoInfo;

/** A model's result JSON is reviewed like machine attributions: located sentiments become items. */
class ResultImporterTest extends ImportTest {

    private static final String SHA = "ab".repeat(32);
    private static final String CHECKPOINT = "cd".repeat(32);

    private static SegmentResult segment(int index, SceneCues cues) {
        double start = 2.0 * index;
        return new SegmentResult(index, start, start + 2, List.of(start, start + 1), Map.of("negative", 0.9), null,
                null, cues, null);
    }

    private static Cue cue(String text, double weight) {
        return new Cue(text, 1.0, null, weight);
    }

    @Test
    void locatedSentimentsBecomeItemsWithTheirCuesAsAspects() throws IOException {
        SceneCues first = new SceneCues(List.of(cue("man, angry", 0.6)),
                List.of(cue("person raises fist", 0.4), cue("person runs", 0.1)), List.of(), List.of());
        SceneCues second = new SceneCues(List.of(cue("man, angry", 0.7), cue("woman, afraid", 0.5)),
                List.of(cue("person pushes person", 0.3)), List.of(cue("person - holds - bottle", 0.2)),
                List.of(cue("night street", 0.05)));
        VideoAnalysis analysis = new VideoAnalysis(new VideoInfo("/videos/street.mp4", SHA, 12.0, 25, 640, 360),
                new ModelInfo("ICM", "small", CHECKPOINT, "cpu"),
                List.of(segment(0, first), segment(1, second), segment(2, SceneCues.empty())),
                List.of(new LocatedSentiment(0, 4, "negative", 0.87, "A man shouts and pushes someone."),
                        new LocatedSentiment(4, 6, "neutral", 0.4, null)));
        Path result = folder.resolve("street.result.json");
        ResultJson.write(analysis, result);

        ImportReport report = ResultImporter.importFile(project, result, ImportListener.SILENT, () -> false);
        assertEquals(List.of(2, 2), List.of(report.entries(), report.added()));
        List<Item> items = project.items(ItemFilter.all());
        Item shout = items.get(0);
        assertEquals(List.of("/videos/street.mp4", 0.0, 4.0, "negative", 0.87, ItemSource.PREDICTION, "ICM",
                        "small " + CHECKPOINT, "A man shouts and pushes someone."),
                List.of(shout.videoPath(), shout.start(), shout.end(), shout.label(), shout.score(),
                        shout.source(), shout.generator(), shout.generatorVersion(), shout.summary()));
        assertEquals(new Aspects("man, angry; woman, afraid", "person raises fist; person pushes person;"
                + " person runs", "person - holds - bottle", "night street"), shout.aspects(),
                "distinct cue texts of the spanned segments, most decisive first, three at most");
        assertEquals(new Aspects("", "", "", ""), items.get(1).aspects());
        assertEquals(SHA, project.videos().get(0).sha256());

        assertEquals(0, ResultImporter.importFile(project, result, ImportListener.SILENT, () -> false).added());
    }

    @Test
    void aBrokenResultFileIsOneErrorWithItsLine() throws IOException {
        Path result = Files.writeString(folder.resolve("bad.json"), "{\n  \"schemaVersion\": 2,\n  \"video\": 5\n}\n");
        ImportException e = assertThrows(ImportException.class,
                () -> ResultImporter.importFile(project, result, ImportListener.SILENT, () -> false));
        assertEquals(result + ", line 3, column 3, field video: expected an object, found the number 5",
                e.getMessage());
    }
}
