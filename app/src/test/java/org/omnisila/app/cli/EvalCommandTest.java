package org.omnisila.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The eval command as a user runs it: exit status, table, JSON and messages for bad input. */
class EvalCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();
    private final java.io.StringWriter out = cli.out;
    private final java.io.StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    private static String resource(String name) throws URISyntaxException {
        return Path.of(EvalCommandTest.class.getResource("/" + name).toURI()).toString();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void printsTheTable1ShapedTable() throws Exception {
        int status = run("eval", "--gt", resource("ties_gt.json"), "--pred", resource("ties_pred.json"));

        assertEquals(0, status, err::toString);
        String table = out.toString();
        // The reference evaluator's mAP for this case is 0.62555...: 62.56 in percent, at every threshold.
        assertTrue(table.contains("mAP@0.1  mAP@0.2  mAP@0.3"), table);
        assertTrue(table.matches("(?s).*\\n\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.-]+\\s+62\\.56\\s+62\\.56\\s+62\\.56\\s+62\\.56\\n.*"),
                table);
        assertTrue(table.contains("videos not in the ground truth (zz)"), table);
        assertTrue(table.contains("outside subset \"test\" (d)"), table);
    }

    @Test
    void jsonHasEveryNumber() throws Exception {
        int status = run("eval", "--gt", resource("ties_gt.json"), "--pred", resource("ties_pred.json"),
                "--format", "json", "--tiou", "0.5");

        assertEquals(0, status, err::toString);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(0.5, json.get("tiou").get(0).asDouble(), 0);
        assertEquals(2, json.get("localization").get("classes").size());
        assertTrue(json.get("identification").has("accuracy"));
        assertTrue(json.get("frames").has("fnr"));
        assertEquals(5, json.get("perVideo").get("videos").size()); // test videos a, b, c, e, f
    }

    @Test
    void strictTurnsWarningsIntoStatus3() throws Exception {
        assertEquals(3, run("eval", "--gt", resource("ties_gt.json"), "--pred", resource("ties_pred.json"),
                "--strict"));
    }

    @Test
    void missingFileIsAClearMessage() throws Exception {
        int status = run("eval", "--gt", dir.resolve("absent.json").toString(), "--pred", resource("ties_pred.json"));

        assertEquals(1, status);
        assertTrue(err.toString().startsWith("omnisila eval: error: " + dir.resolve("absent.json")), err.toString());
        assertTrue(err.toString().contains("file not found"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void badEntriesAreAllNamedWithTheirLines() throws Exception {
        Path pred = write("pred.json", """
                {"results": {
                  "a": [{"segment": [9, 3], "label": "x", "score": 0.5},
                        {"segment": [1, 2], "label": "x", "score": NaN}]}}
                """);
        int status = run("eval", "--gt", resource("ties_gt.json"), "--pred", pred.toString());

        assertEquals(1, status);
        assertTrue(err.toString().contains(pred + ", line 2, results[\"a\"][0].segment: end 3.0 is before start 9.0"),
                err.toString());
        assertTrue(err.toString().contains(pred + ", line 3, results[\"a\"][1].score"), err.toString());
    }

    @Test
    void malformedJsonNamesTheLine() throws Exception {
        Path gt = write("gt.json", "{\"database\": {\n\"v\": {\"subset\": \"test\" \"annotations\": []}}}");
        int status = run("eval", "--gt", gt.toString(), "--pred", resource("ties_pred.json"));

        assertEquals(1, status);
        assertTrue(err.toString().contains(gt + ", line 2: malformed JSON"), err.toString());
    }

    @Test
    void unknownSubsetListsTheSubsets() throws Exception {
        int status = run("eval", "--gt", resource("ties_gt.json"), "--pred", resource("ties_pred.json"),
                "--subset", "validation");

        assertEquals(1, status);
        assertTrue(err.toString().contains("no video of subset \"validation\"")
                && err.toString().contains("test=5"), err.toString());
    }

    @Test
    void compareRunsPairedTTests() throws Exception {
        int status = run("eval", "--gt", resource("ties_gt.json"), "--pred", resource("ties_pred.json"),
                "--compare", resource("ties_pred.json"));

        assertEquals(0, status, err::toString);
        String text = out.toString();
        assertTrue(text.contains("Paired t-test on per-video scores"), text);
        // The same file against itself: every difference is 0, so p = 1.
        assertTrue(text.matches("(?s).*identification correct\\s+5 .* 1\\.0000\\n.*"), text);
    }

    @Test
    void attributionMetricsWithSentenceEmbeddings() throws Exception {
        Path gt = write("gt.json", """
                {"database": {
                  "v1": {"subset": "test", "annotations": [
                    {"segment": [0, 10], "label": "Fighting", "attribution": "two men punch each other in the street"}]},
                  "v2": {"subset": "test", "annotations": [
                    {"segment": [5, 15], "label": "Fire", "attribution": "flames rise from a burning car"}]}}}
                """);
        Path pred = write("pred.json", """
                {"results": {
                  "v1": [{"segment": [1, 10], "label": "Fighting", "score": 0.9,
                          "attribution": "Fighting: two men punch each other in the street", "ratings": [5, 6]}],
                  "v2": [{"segment": [40, 50], "label": "Fire", "score": 0.9, "attribution": "a fire"}]}}
                """);
        int status = run("eval", "--gt", gt.toString(), "--pred", pred.toString(), "--format", "json");

        assertEquals(0, status, err::toString);
        JsonNode a = new ObjectMapper().readTree(out.toString()).get("attribution");
        assertEquals(2, a.get("references").asInt());
        assertEquals(1, a.get("matched").asInt()); // v2's prediction does not overlap its reference
        // v1: candidate = "fighting" + the 8 reference tokens: ROUGE-L P = 8/9, R = 1, F1 = 16/17; v2 scores 0.
        assertEquals(16.0 / 17 / 2, a.get("semR").asDouble(), 1e-9);
        assertEquals(0.5, a.get("senA").asDouble(), 1e-9);
        assertEquals(5.5, a.get("atrR").asDouble(), 1e-9);
        double semC = a.get("semC").asDouble();
        assertTrue(semC > 0.4 && semC < 0.5, "v1 is a near paraphrase (cosine > 0.8), v2 counts 0: " + semC);
    }
}
