package org.omnisila.app.cli.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.annotator.generate.Keyring;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.app.cli.UserErrorHandler;
import picocli.CommandLine;

/** {@code omnisila annotate create, import, list} as a user runs them, errors included. */
class AnnotateCommandTest {

    private static final String GOOD = "{\"video\": \"clips/protest.mp4\", \"start\": 4.0, \"end\": 6.0, \"aspects\":"
            + " {\"face\": \"A man frowns.\", \"action\": \"He raises a fist.\", \"object\": \"man - holds - placard\","
            + " \"background\": \"A street at dusk.\"}, \"summary\": \"The raised fist shows anger.\", \"sentiment\":"
            + " \"n\", \"generator\": {\"name\": \"gpt-4-vision-preview\", \"version\": \"2024-02-15\"}}";

    @TempDir
    Path folder;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** Runs {@code annotate ARGS} with the product's error handling and a given environment. */
    static int run(StringWriter out, StringWriter err, Map<String, String> env, String... args) {
        CommandLine cl = new CommandLine(new AnnotateCommand(env::get, Keyring.NONE));
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private int run(String... args) {
        return run(out, err, Map.of(), args);
    }

    private Path created() {
        Path project = folder.resolve("review.sila");
        assertEquals(0, run("create", project.toString(), "--name", "Protest footage"), err.toString());
        return project;
    }

    @Test
    void createImportAndListWithFilters() throws Exception {
        Path project = created();
        assertEquals("created " + project + " (\"Protest footage\")\n", out.toString());
        Path file = folder.resolve("gpt4v.jsonl");
        Files.writeString(file, GOOD + "\n{\"video\": \"x.mp4\", \"start\": \"0\"}\n");
        out.getBuffer().setLength(0);

        assertEquals(0, run("import", project.toString(), file.toString(), "--kind", "attributions",
                "--annotator", "Ann"), err.toString());

        assertEquals("gpt4v.jsonl: 1 added, 0 already in the project, 1 entry skipped as malformed\n"
                + "  " + file + ", line 2, column 20, field start: expected a number, found a string (\"0\")\n",
                out.toString());
        assertTrue(err.toString().contains("gpt4v.jsonl: 2 entries read (100 %)"), err.toString());

        out.getBuffer().setLength(0);
        assertEquals(0, run("list", project.toString()));
        String[] rows = out.toString().split("\n");
        assertEquals(3, rows.length, out.toString());
        assertTrue(rows[0].matches("\\s+id\\s+video\\s+start\\s+end\\s+label\\s+state\\s+rating\\s+source\\s+summary"),
                rows[0]);
        assertTrue(rows[1].matches("\\s+1\\s+protest\\.mp4\\s+4\\.00\\s+6\\.00\\s+negative\\s+unreviewed\\s+-\\s+"
                + "attribution:gpt-4-vis~\\s+The raised fist shows anger\\."), rows[1]);
        assertEquals("1 item", rows[2]);

        out.getBuffer().setLength(0);
        assertEquals(0, run("list", project.toString(), "--format", "json", "--label", "N", "--state",
                "unreviewed,edited"));
        JsonNode items = new ObjectMapper().readTree(out.toString());
        assertEquals(1, items.size());
        JsonNode item = items.get(0);
        assertEquals(folder.resolve("clips/protest.mp4").toString(), item.get("video").asText());
        assertEquals(4.0, item.get("start").asDouble());
        assertEquals("negative", item.get("label").asText());
        assertEquals("He raises a fist.", item.at("/aspects/action").asText());
        assertEquals("2024-02-15", item.at("/generator/version").asText());
        assertTrue(item.get("rating").isNull());

        out.getBuffer().setLength(0);
        assertEquals(0, run("list", project.toString(), "--state", "accepted,rejected"));
        assertTrue(out.toString().endsWith("\n0 items\n"), out.toString());
    }

    @Test
    void theTableColumnsStayAlignedWithLongLabels() throws Exception {
        Path project = created();
        Path file = folder.resolve("mixed.jsonl");
        Files.writeString(file, GOOD + "\n" + GOOD.replace("\"n\"", "\"Animals Hurting People\"") + "\n");
        assertEquals(0, run("import", project.toString(), file.toString(), "--kind", "attributions"));
        out.getBuffer().setLength(0);

        assertEquals(0, run("list", project.toString()));

        String[] rows = out.toString().split("\n");
        int state = rows[0].indexOf("state");
        int summary = rows[0].indexOf("summary");
        for (int i = 1; i <= 2; i++) {
            assertEquals(state, rows[i].indexOf("unreviewed"), rows[i]);
            assertEquals(summary, rows[i].indexOf("The raised fist"), rows[i]);
        }
        assertTrue(rows[2].contains(" Animals Hurting People "), rows[2]);
    }

    @Test
    void importingAgainAddsNothingAndAMissingFileIsReportedWhileTheOthersAreImported() throws Exception {
        Path project = created();
        Path file = folder.resolve("a.jsonl");
        Files.writeString(file, GOOD + "\n");
        out.getBuffer().setLength(0);

        int status = run("import", project.toString(), file.toString(), folder.resolve("missing.jsonl").toString(),
                file.toString(), "--kind", "attributions");

        assertEquals(1, status, "a file was not imported");
        assertEquals("a.jsonl: 1 added, 0 already in the project, 0 entries skipped as malformed\n"
                + "a.jsonl: 0 added, 1 already in the project, 0 entries skipped as malformed\n", out.toString());
        assertTrue(err.toString().contains(folder.resolve("missing.jsonl") + ": file not found; nothing of it was"
                + " imported"), err.toString());
    }

    @Test
    void aFileOfTheWrongKindIsOneClearError() throws Exception {
        Path project = created();
        Path file = folder.resolve("gt.json");
        Files.writeString(file, GOOD + "\n" + GOOD + "\n");

        assertEquals(1, run("import", project.toString(), file.toString(), "--kind", "ground-truth"));

        String message = err.toString().strip();
        assertTrue(message.startsWith("error: " + file + ": no \"database\" field at the top level"), message);
        assertTrue(message.endsWith("; nothing of it was imported"), message);
        assertFalse(message.contains("Exception"), message);
        assertFalse(message.contains("\tat "), "no stack trace");
    }

    @Test
    void aMissingProjectIsOneLine() {
        Path missing = folder.resolve("missing.sila");

        assertEquals(1, run("list", missing.toString()));

        assertEquals("annotate list: " + missing + ": no such project file\n", err.toString());
    }

    @Test
    void aLockedProjectSaysWhoHasIt() {
        Path project = created();
        try (AnnotationProject open = AnnotationProject.open(project, "Bob")) {
            int status = run("import", project.toString(), folder.resolve("x.jsonl").toString(), "--kind",
                    "attributions");

            assertEquals(1, status);
            String message = err.toString();
            assertTrue(message.startsWith("annotate import: " + project + " is already open in "), message);
            assertTrue(message.contains(", by annotator Bob on "), message);
            assertFalse(message.contains("\tat "), "no stack trace");
        }
    }

    @Test
    void createRefusesAnExistingFile() {
        Path project = created();
        err.getBuffer().setLength(0);

        assertEquals(1, run("create", project.toString(), "--name", "Again"));

        assertTrue(err.toString().startsWith("annotate create: " + project + " already exists"), err.toString());
    }

    @Test
    void wrongOptionsAreUsageErrors() {
        Path project = created();

        assertEquals(2, run("import", project.toString(), "f.jsonl", "--kind", "gpt"));
        assertTrue(err.toString().contains("--kind must be attributions, ground-truth or result, not \"gpt\""),
                err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("list", project.toString(), "--state", "done"));
        assertTrue(err.toString().contains("unknown review state \"done\"; expected unreviewed, accepted, edited or"
                + " rejected"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run());
        assertTrue(err.toString().contains("say what to do: create, import, list or generate"), err.toString());
    }

    @Test
    void theAnnotatorIsTheOptionElseTheVariableElseTheUser() {
        AnnotateCommand withVariable = new AnnotateCommand(Map.of("OMNISILA_ANNOTATOR", " Eve ")::get, Keyring.NONE);
        AnnotateCommand without = new AnnotateCommand(Map.<String, String>of()::get, Keyring.NONE);

        assertEquals("Ann", withVariable.annotator("Ann"));
        assertEquals("Eve", withVariable.annotator(null));
        assertEquals(System.getProperty("user.name"), without.annotator(" "));
    }
}
