package org.omnisila.engine.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultJsonRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void fullExampleSurvivesWriteAndRead() throws IOException {
        VideoAnalysis original = Examples.full();
        Path file = dir.resolve("result.json");
        ResultJson.write(original, file);
        VideoAnalysis read = ResultJson.read(file);
        assertEquals(original, read);
        assertEquals(List.copyOf(original.segments().get(1).sentimentScores().keySet()),
                List.copyOf(read.segments().get(1).sentimentScores().keySet()), "score order is kept");
        assertNull(read.segments().get(1).cues().background().get(0).box());
    }

    @Test
    void writingTwiceGivesIdenticalBytes() throws IOException {
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("second.json");
        ResultJson.write(Examples.full(), first);
        ResultJson.write(ResultJson.read(first), second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void textIsUtf8WithUnixLineEndsAndAFinalNewline() throws IOException {
        VideoAnalysis withAccents = new VideoAnalysis(Examples.video(), Examples.model(), List.of(),
                List.of(new LocatedSentiment(1.0, 2.0, "Fire", 0.5, "Fumée noire \u2014 un incendie")));
        Path file = dir.resolve("accents.json");
        ResultJson.write(withAccents, file);
        String text = Files.readString(file);
        assertTrue(text.contains("Fumée noire \u2014 un incendie"), text);
        assertFalse(text.contains("\r"), "no CR whatever the platform");
        assertTrue(text.endsWith("}\n"), text);
        assertTrue(text.startsWith("{\n  \"schemaVersion\": 2,\n"), text);
        assertEquals(withAccents, ResultJson.read(file));
    }

    @Test
    void fieldsAreWrittenInDeclarationOrder() throws IOException {
        JsonNode tree = new ObjectMapper().readTree(ResultJson.toJson(Examples.full()));
        assertOrder(VideoAnalysis.class, tree);
        assertOrder(VideoInfo.class, tree.get("video"));
        assertOrder(ModelInfo.class, tree.get("model"));
        JsonNode segment = tree.get("segments").get(1);
        assertOrder(SegmentResult.class, segment);
        assertOrder(SceneWeights.class, segment.get("routing"));
        assertOrder(SceneWeights.class, segment.get("causalEffect"));
        assertOrder(SceneCues.class, segment.get("cues"));
        assertOrder(Cue.class, segment.get("cues").get("face").get(0));
        assertOrder(Box.class, segment.get("cues").get("face").get(0).get("box"));
        assertOrder(LocatedSentiment.class, tree.get("located").get(0));
    }

    @Test
    void nullableFieldsAreWrittenAsNull() throws IOException {
        SegmentResult bare = new SegmentResult(0, 0.0, 1.0, List.of(), Map.of("Normal", 1.0), null, null,
                SceneCues.empty(), null);
        VideoAnalysis analysis = new VideoAnalysis(Examples.video(),
                new ModelInfo("ICM", "small", null, "cuda:0"), List.of(bare),
                List.of(new LocatedSentiment(0.0, 1.0, "Normal", 1.0, null)));
        JsonNode tree = new ObjectMapper().readTree(ResultJson.toJson(analysis));
        assertTrue(tree.get("model").get("checkpointSha256").isNull());
        assertTrue(tree.get("segments").get(0).get("routing").isNull());
        assertTrue(tree.get("segments").get(0).get("causalEffect").isNull());
        assertTrue(tree.get("segments").get(0).get("attribution").isNull());
        assertTrue(tree.get("located").get(0).get("attribution").isNull());
        assertEquals(analysis, ResultJson.parse(ResultJson.toJson(analysis), "bare.json"));
    }

    @Test
    void integersAreAcceptedForNumberFields() {
        String json = ResultJson.toJson(Examples.full()).replace("\"duration\": 12.5", "\"duration\": 12");
        assertEquals(12.0, ResultJson.parse(json, "int.json").video().duration());
    }

    private static void assertOrder(Class<? extends Record> type, JsonNode node) {
        List<String> expected = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            expected.add(component.getName());
        }
        List<String> actual = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            actual.add(names.next());
        }
        assertEquals(expected, actual, type.getSimpleName());
    }
}
