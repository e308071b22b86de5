package org.omnisila.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The result section of docs/formats.md shows what the code writes and names every field. */
class FormatsDocTest {

    private static final Path FORMATS = Path.of("..", "docs", "formats.md");
    private static final String HEADING = "## Result JSON (`VideoAnalysis`, schema version " + VideoAnalysis.SCHEMA_VERSION + ")";

    private static String section;

    @BeforeAll
    static void load() throws IOException {
        String doc = Files.readString(FORMATS);
        assertTrue(doc.startsWith("# File formats\n"), "formats.md starts with its title");
        int start = doc.indexOf(HEADING);
        assertTrue(start >= 0, "formats.md has the section " + HEADING);
        int next = doc.indexOf("\n## ", start + HEADING.length());
        section = next < 0 ? doc.substring(start) : doc.substring(start, next);
    }

    @Test
    void exampleIsExactlyWhatTheWriterProduces() {
        int open = section.indexOf("```json\n");
        assertTrue(open >= 0, "the section has a json example");
        int from = open + "```json\n".length();
        String example = section.substring(from, section.indexOf("```", from));
        VideoAnalysis analysis = ResultJson.parse(example, "formats.md example");
        assertEquals(example, ResultJson.toJson(analysis));
        assertTrue(analysis.segments().get(0).cues().background().get(0).box() == null
                && analysis.segments().get(0).routing() != null, "the example shows a null and a populated value");
    }

    @Test
    void everyFieldIsDocumented() {
        for (Class<?> type : List.of(VideoAnalysis.class, VideoInfo.class, ModelInfo.class, SegmentResult.class,
                SceneWeights.class, SceneCues.class, Cue.class, Box.class, LocatedSentiment.class,
                AnalysisWarning.class)) {
            for (String field : ResultSchemaTest.componentNames(type)) {
                assertTrue(section.contains("| `" + field + "` |"), type.getSimpleName() + "." + field + " has a table row");
            }
        }
    }
}
