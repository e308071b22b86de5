package org.omnisila.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way reading a result can fail gives a message naming the file, the line (where there is
 * one) and the field path. Documents are the full example with one thing broken; expected lines
 * are found by searching the broken text, independently of the reader's own locator.
 */
class ResultJsonErrorTest {

    private static final String FILE = "result.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    // ---- malformed JSON ------------------------------------------------------------------------

    @Test
    void syntaxErrorNamesLineOfTheUnexpectedToken() {
        String json = ResultJson.toJson(Examples.full()).replace("\"fps\": 25.0,", "\"fps\": 25.0");
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "\"width\"", 1), "video.fps");
        assertTrue(e.problem().startsWith("invalid JSON: "), e.getMessage());
        assertTrue(e.problem().contains("comma"), e.getMessage());
    }

    @Test
    void truncatedFileSaysSo() {
        String full = ResultJson.toJson(Examples.full());
        String json = full.substring(0, full.indexOf("\"located\""));
        ResultFormatException e = fail(json);
        assertTrue(e.getMessage().startsWith(FILE + ", line " + json.split("\n", -1).length + ", column "),
                e.getMessage());
        assertTrue(e.problem().contains("truncated"), e.getMessage());
    }

    @Test
    void nanIsNotJson() {
        String json = ResultJson.toJson(Examples.full()).replace("\"duration\": 12.5", "\"duration\": NaN");
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "NaN", 1), "video.duration");
        assertEquals("invalid JSON: NaN is not a JSON number", e.problem());
    }

    @Test
    void duplicateFieldIsRejected() {
        String json = ResultJson.toJson(Examples.full())
                .replace("\"fps\": 25.0,", "\"fps\": 25.0,\n    \"fps\": 30.0,");
        ResultFormatException e = fail(json);
        assertEquals(lineOf(json, "\"fps\": 30.0", 1), e.line(), e.getMessage());
        assertTrue(e.problem().contains("fps"), e.getMessage());
    }

    @Test
    void trailingDataIsRejected() {
        String json = ResultJson.toJson(Examples.full()) + "{}\n";
        ResultFormatException e = fail(json);
        assertTrue(e.getMessage().startsWith(FILE + ", line "), e.getMessage());
        assertEquals("invalid JSON: there is more data after the end of the document", e.problem());
    }

    @Test
    void topLevelMustBeAnObject() {
        ResultFormatException e = fail("[1, 2]\n");
        assertEquals(FILE + ", line 1, column 1: expected a JSON object (an Omni-SILA result) at the top level,"
                + " found an array", e.getMessage());
    }

    // ---- structure -----------------------------------------------------------------------------

    @Test
    void missingRequiredFieldPointsAtTheEnclosingObject() {
        String json = edit(root -> segment(root, 1).remove("end"));
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "\"index\" : 1", 1) - 1, "segments[1].end");
        assertEquals("required field \"end\" is missing", e.problem());
    }

    @Test
    void missingNullableFieldIsStillRequired() {
        String json = edit(root -> ((ObjectNode) segment(root, 1).get("cues").get("background").get(0)).remove("box"));
        ResultFormatException e = fail(json);
        assertEquals("segments[1].cues.background[0].box", e.field(), e.getMessage());
        assertEquals("required field \"box\" is missing", e.problem());
    }

    @Test
    void stringWhereANumberBelongs() {
        String json = edit(root -> segment(root, 0).put("start", "zero"));
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "\"start\"", 1), "segments[0].start");
        assertEquals("expected a number, found a string (\"zero\")", e.problem());
    }

    @Test
    void fractionWhereAWholeNumberBelongs() {
        String json = edit(root -> ((ObjectNode) root.get("video")).put("width", 1280.5));
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "\"width\"", 1), "video.width");
        assertEquals("expected a whole number, found the number 1280.5", e.problem());
    }

    @Test
    void numberWhereAStringBelongs() {
        String json = edit(root -> ((ObjectNode) root.get("model")).put("device", 0));
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "\"device\"", 1), "model.device");
        assertEquals("expected a string, found the number 0", e.problem());
    }

    @Test
    void nullWhereANumberBelongs() {
        String json = edit(root -> ((ObjectNode) root.get("located").get(0)).putNull("score"));
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "\"score\"", 1), "located[0].score");
        assertEquals("expected a number, found null", e.problem());
    }

    @Test
    void objectWhereAnArrayBelongs() {
        String json = edit(root -> segment(root, 1).putObject("frameTimes"));
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "\"frameTimes\"", 2), "segments[1].frameTimes");
        assertEquals("expected an array, found an object", e.problem());
    }

    @Test
    void stringScoreInAMap() {
        String json = edit(root -> ((ObjectNode) segment(root, 0).get("sentimentScores")).put("neutral", "high"));
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "\"neutral\"", 1), "segments[0].sentimentScores.neutral");
        assertEquals("expected a number, found a string (\"high\")", e.problem());
    }

    @Test
    void unknownFieldIsRejectedAndTheAllowedOnesListed() {
        String json = edit(root -> ((ObjectNode) root.get("video")).put("colour", "red"));
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "\"colour\"", 1), "video.colour");
        assertTrue(e.problem().startsWith("unknown field \"colour\"; allowed here: "), e.getMessage());
        assertTrue(e.problem().contains("duration") && e.problem().contains("sha256"), e.getMessage());
        assertTrue(e.problem().contains("schemaVersion"), e.getMessage());
    }

    // ---- values the records reject -------------------------------------------------------------

    @Test
    void endBeforeStartNamesBothValues() {
        String json = edit(root -> segment(root, 1).put("end", 1.0));
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "\"end\"", 2), "segments[1].end");
        assertEquals("end 1.0 is before start 2.5", e.problem());
        assertEquals(5, e.column(), "column of \"end\" under the segment's two-space indentation");
    }

    @Test
    void routingOutOfRangeNamesTheScene() {
        String json = edit(root -> ((ObjectNode) segment(root, 1).get("routing")).put("face", 1.5));
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "\"face\" : 1.5", 1), "segments[1].routing.face");
        assertEquals("routing.face 1.5 is outside [0, 1]", e.problem());
    }

    @Test
    void invalidNestedRecordGivesTheFullPath() {
        String json = edit(root -> ((ObjectNode) segment(root, 1).get("cues").get("object").get(0).get("box"))
                .put("width", -40.0));
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "-40.0", 1), "segments[1].cues.object[0].box.width");
        assertEquals("width must be > 0 but was -40.0", e.problem());
    }

    @Test
    void nullForANonNullableObject() {
        String json = edit(root -> segment(root, 0).putNull("cues"));
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "\"cues\"", 1), "segments[0].cues");
        assertEquals("cues is required but was null", e.problem());
    }

    @Test
    void segmentIndexMustMatchPosition() {
        String json = edit(root -> segment(root, 1).put("index", 7));
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "\"index\" : 7", 1), "segments[1].index");
        assertEquals("segments[1].index is 7 but must equal its position 1", e.problem());
    }

    @Test
    void badChecksumNamesTheValue() {
        String json = edit(root -> ((ObjectNode) root.get("video")).put("sha256", "ABC"));
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "\"sha256\"", 1), "video.sha256");
        assertTrue(e.problem().contains("\"ABC\""), e.getMessage());
    }

    // ---- schema version ------------------------------------------------------------------------

    @Test
    void newerSchemaIsReportedBeforeItsUnknownFields() {
        String json = edit(root -> {
            root.put("schemaVersion", 3);
            root.put("audio", "new in schema 3");
            segment(root, 0).put("speaker", "new too");
        });
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "\"schemaVersion\"", 1), "schemaVersion");
        assertEquals("written by a newer Omni-SILA (schema 3); this build reads schema 2 \u2014 update the workbench",
                e.problem());
    }

    @Test
    void missingSchemaVersion() {
        String json = edit(root -> root.remove("schemaVersion"));
        ResultFormatException e = fail(json);
        assertEquals(FILE + ", line 1, column 1, field schemaVersion: schemaVersion is missing;"
                + " this is not an Omni-SILA result file", e.getMessage());
    }

    @Test
    void schemaVersionBelowOne() {
        String json = edit(root -> root.put("schemaVersion", 0));
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "\"schemaVersion\"", 1), "schemaVersion");
        assertEquals("schemaVersion 0 is invalid; versions start at 1", e.problem());
    }

    @Test
    void schemaVersionAsString() {
        String json = edit(root -> root.put("schemaVersion", "1"));
        ResultFormatException e = fail(json);
        assertLocated(e, lineOf(json, "\"schemaVersion\"", 1), "schemaVersion");
        assertEquals("schemaVersion must be a whole number, found \"1\"", e.problem());
    }

    // ---- files ---------------------------------------------------------------------------------

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nowhere.json");
        ResultFormatException e = assertThrows(ResultFormatException.class, () -> ResultJson.read(missing));
        assertEquals(missing + ": file not found", e.getMessage());
        assertEquals(missing.toString(), e.file());
        assertEquals(-1, e.line());
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        ResultFormatException e = assertThrows(ResultFormatException.class, () -> ResultJson.read(empty));
        assertEquals(empty + ": the file is empty", e.getMessage());
    }

    @Test
    void whitespaceOnlyFileIsEmpty() {
        assertEquals(FILE + ": the file is empty", fail(" \n\t\n").getMessage());
    }

    @Test
    void notUtf8() throws IOException {
        Path binary = Files.write(dir.resolve("video.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0x1a});
        ResultFormatException e = assertThrows(ResultFormatException.class, () -> ResultJson.read(binary));
        assertTrue(e.getMessage().startsWith(binary + ": not UTF-8 text"), e.getMessage());
    }

    @Test
    void errorInAFileCarriesItsPath() throws IOException {
        String json = edit(root -> segment(root, 1).put("end", 1.0));
        Path file = Files.writeString(dir.resolve("result.json"), json, StandardCharsets.UTF_8);
        ResultFormatException e = assertThrows(ResultFormatException.class, () -> ResultJson.read(file));
        assertEquals(file + ", line " + lineOf(json, "\"end\"", 2) + ", column 5, field segments[1].end:"
                + " end 1.0 is before start 2.5", e.getMessage());
    }

    @Test
    void byteOrderMarkIsAccepted() throws IOException {
        Path file = Files.writeString(dir.resolve("bom.json"), "\uFEFF" + ResultJson.toJson(Examples.full()));
        assertEquals(Examples.full(), ResultJson.read(file));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static ResultFormatException fail(String json) {
        return assertThrows(ResultFormatException.class, () -> ResultJson.parse(json, FILE));
    }

    private static void assertLocated(ResultFormatException e, int line, String field) {
        String prefix = FILE + ", line " + line + ", column " + e.column() + ", field " + field + ": ";
        assertTrue(e.getMessage().startsWith(prefix), () -> "expected prefix <" + prefix + "> in <" + e.getMessage() + ">");
        assertTrue(e.column() > 0, e::getMessage);
        assertEquals(FILE, e.file());
        assertEquals(line, e.line());
        assertEquals(field, e.field());
        assertTrue(e.getMessage().endsWith(e.problem()), e::getMessage);
    }

    /** The full example, edited as a tree, printed with Jackson's default pretty printer. */
    private static String edit(Consumer<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(ResultJson.toJson(Examples.full()));
            change.accept(root);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode segment(ObjectNode root, int index) {
        JsonNode segments = root.get("segments");
        return (ObjectNode) ((ArrayNode) segments).get(index);
    }

    /** 1-based line of the n-th (1-based) occurrence of needle. */
    private static int lineOf(String text, String needle, int occurrence) {
        int at = -1;
        for (int i = 0; i < occurrence; i++) {
            at = text.indexOf(needle, at + 1);
            if (at < 0) {
                throw new AssertionError("\"" + needle + "\" occurs fewer than " + occurrence + " times");
            }
        }
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
