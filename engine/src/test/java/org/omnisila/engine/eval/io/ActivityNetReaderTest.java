package org.omnisila.engine.eval.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.eval.Diagnostic;
import org.omnisila.engine.eval.Diagnostics;
import org.omnisila.engine.eval.EvalInputException;
import org.omnisila.engine.eval.GroundTruth;
import org.omnisila.engine.eval.Predictions;
import org.omnisila.engine.eval.TestFiles;

class ActivityNetReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheRealTsl300GroundTruth() {
        Diagnostics d = new Diagnostics();
        GroundTruth gt = ActivityNetReader.readGroundTruth(TestFiles.resource("tsl300/gt.json"), d);

        assertFalse(d.hasErrors(), () -> d.all().toString());
        assertEquals(300, gt.videos().size());
        assertEquals(Map.of("train", 200, "test", 100), gt.subsetCounts());
        GroundTruth test = gt.subset("test");
        assertEquals(100, test.videos().size());
        assertEquals(584, test.segmentCount());
        assertEquals(List.of("positive", "negative"), test.labels()); // "p" and "n", canonicalised
        // First annotation of the first video, given as strings ["18.44", "31.199"]
        var first = gt.videos().get("102_Ekman6_surprise_408").segments().get(0);
        assertEquals(18.44, first.start(), 0);
        assertEquals(31.199, first.end(), 0);
    }

    @Test
    void readsPredictionsWithExtensions() {
        Path p = TestFiles.write(dir, "pred.json", """
                {"version": "x", "results": {"v1": [
                  {"segment": [1, 2.5], "label": "p", "score": 0.75, "attribution": "a smiling face", "ratings": [5, 6]},
                  {"segment": ["3", "4"], "label": "Fire", "score": "0.5"}]},
                 "identification": {"v1": "n", "v2": {"label": "Fire", "scores": {"Fire": 0.9}}}}
                """);
        Diagnostics d = new Diagnostics();
        Predictions preds = ActivityNetReader.readPredictions(p, d);

        assertFalse(d.hasErrors(), () -> d.all().toString());
        assertEquals(2, preds.of("v1").size());
        assertEquals("positive", preds.of("v1").get(0).label());
        assertEquals(List.of(5.0, 6.0), preds.of("v1").get(0).ratings());
        assertEquals("a smiling face", preds.of("v1").get(0).attribution());
        assertEquals(0.5, preds.of("v1").get(1).score(), 0);
        assertEquals(Map.of("v1", "negative", "v2", "Fire"), preds.videoLabels());
        assertEquals(2, preds.of("v1").get(0).line());
    }

    @Test
    void reportsEveryBadEntryWithFileLineAndEntry() {
        Path p = TestFiles.write(dir, "bad.json", """
                {"results": {
                  "v1": [{"segment": [5, 2], "label": "p", "score": 0.5},
                         {"segment": [1, 2], "label": "p", "score": NaN},
                         {"segment": [1], "label": "p", "score": 0.1},
                         {"segment": [1, 2], "score": 0.1},
                         {"segment": [1, 2], "label": "p", "score": 0.9}]}}
                """);
        Diagnostics d = new Diagnostics();
        Predictions preds = ActivityNetReader.readPredictions(p, d);

        List<String> errors = d.errors().stream().map(Diagnostic::toString).toList();
        assertEquals(4, errors.size(), errors::toString);
        assertEquals("error: " + p + ", line 2, results[\"v1\"][0].segment: end 2.0 is before start 5.0",
                errors.get(0));
        assertTrue(errors.get(1).contains("line 3") && errors.get(1).contains("results[\"v1\"][1].score")
                && errors.get(1).contains("NaN"), errors.get(1));
        assertTrue(errors.get(2).contains("line 4") && errors.get(2).contains("found 1 values"), errors.get(2));
        assertTrue(errors.get(3).contains("line 5") && errors.get(3).contains("no \"label\""), errors.get(3));
        assertEquals(1, preds.of("v1").size(), "the valid entry is kept");
    }

    @Test
    void malformedJsonNamesTheFileAndLine() {
        Path p = TestFiles.write(dir, "broken.json", "{\"database\": {\n  \"v\": {\"subset\": \"test\",\n   }\n");
        EvalInputException e = assertThrows(EvalInputException.class,
                () -> ActivityNetReader.readGroundTruth(p, new Diagnostics()));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void missingFileAndWrongKindOfFile() {
        EvalInputException missing = assertThrows(EvalInputException.class,
                () -> ActivityNetReader.readGroundTruth(dir.resolve("nope.json"), new Diagnostics()));
        assertTrue(missing.getMessage().contains("nope.json") && missing.getMessage().contains("file not found"));

        Path pred = TestFiles.write(dir, "p.json", "{\"results\": {}}");
        EvalInputException swapped = assertThrows(EvalInputException.class,
                () -> ActivityNetReader.readGroundTruth(pred, new Diagnostics()));
        assertTrue(swapped.getMessage().contains("no \"database\" field"), swapped.getMessage());

        Path array = TestFiles.write(dir, "a.json", "[1, 2]");
        EvalInputException notObject = assertThrows(EvalInputException.class,
                () -> ActivityNetReader.readPredictions(array, new Diagnostics()));
        assertTrue(notObject.getMessage().contains("line 1") && notObject.getMessage().contains("an array"),
                notObject.getMessage());
    }

    @Test
    void truncatedFileIsMalformed() {
        Path p = TestFiles.write(dir, "cut.json", "{\"results\": {\"v\": [{\"segment\": [1, 2], \"lab");
        EvalInputException e = assertThrows(EvalInputException.class,
                () -> ActivityNetReader.readPredictions(p, new Diagnostics()));
        assertTrue(e.getMessage().contains("cut.json, line 1") && e.getMessage().contains("malformed JSON"),
                e.getMessage());
    }

    @Test
    void groundTruthExtensionsAndDuplicateVideos() {
        Path p = TestFiles.write(dir, "gt.json", """
                {"database": {
                  "v": {"subset": "test", "duration": "12.5", "fps": 25, "label": "Fire",
                        "annotations": [{"segment": [1, 2], "label": "Fire", "attribution": "flames"}]},
                  "v": {"subset": "test", "annotations": []}}}
                """);
        Diagnostics d = new Diagnostics();
        GroundTruth gt = ActivityNetReader.readGroundTruth(p, d);
        var v = gt.videos().get("v");
        assertEquals(12.5, v.duration(), 0);
        assertEquals(25, v.fps(), 0);
        assertEquals("Fire", v.label());
        assertEquals("flames", v.segments().get(0).attribution());
        assertEquals(1, d.errors().size());
        assertTrue(d.errors().get(0).toString().contains("line 4") && d.errors().get(0).message().contains("twice"),
                d.errors().get(0)::toString);
    }
}
