package org.omnisila.annotator.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.annotator.project.ItemFilter;
import org.omnisila.engine.api.Scene;

/** The example of docs/formats.md, "Machine attributions", imports as documented, and the table names every field. */
class AttributionsDocTest extends ImportTest {

    private static final String HEADING = "## Machine attributions (JSON lines, imported by the annotator)";

    private static String section() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "formats.md"));
        int start = doc.indexOf(HEADING);
        assertTrue(start >= 0, "formats.md has the section " + HEADING);
        int next = doc.indexOf("\n## ", start + HEADING.length());
        return next < 0 ? doc.substring(start) : doc.substring(start, next);
    }

    @Test
    void theExampleImportsWithoutProblems() throws IOException {
        String section = section();
        int from = section.indexOf("```jsonl\n") + "```jsonl\n".length();
        Path example = Files.writeString(folder.resolve("example.jsonl"),
                section.substring(from, section.indexOf("```", from)));
        ImportReport report = AttributionImporter.importFile(project, example, ImportListener.SILENT, () -> false);
        assertEquals(List.of(2, 0), List.of(report.added(), report.problemCount()), report.problems().toString());
        assertEquals(List.of(4.0, 7.25), project.items(ItemFilter.all()).stream().map(i -> i.start()).toList());
    }

    @Test
    void everyFieldHasATableRow() throws IOException {
        String section = section();
        for (String field : List.of("`video`", "`sha256`", "`start`, `end`", "`frameTime`", "`aspects`", "`summary`",
                "`sentiment`", "`generator`")) {
            assertTrue(section.contains("| " + field + " |"), field + " has a row");
        }
        for (Scene scene : Scene.values()) {
            assertTrue(section.contains("`" + scene.jsonName() + "`"), "aspect " + scene.jsonName() + " is named");
        }
        assertEquals(AttributionLine.class.getRecordComponents().length, 9, "a new field needs a row above");
    }
}
