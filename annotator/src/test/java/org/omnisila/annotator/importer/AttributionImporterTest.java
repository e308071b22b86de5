package org.omnisila.annotator.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.omnisila.annotator.project.Aspects;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemField;
import org.omnisila.annotator.project.ItemFilter;
import org.omnisila.annotator.project.ItemSource;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.annotator.project.Video;
import org.omnisila.engine.api.ResultFormatException;

/** Attribution lines: good ones imported field for field, bad ones reported by line and skipped, no duplicates. */
class AttributionImporterTest extends ImportTest {

    private static final Path GOOD = Path.of("src/test/resources/attributions/good.jsonl");

    private ImportReport importFile(Path file) {
        return AttributionImporter.importFile(project, file, ImportListener.SILENT, () -> false);
    }

    @Test
    void aGoodFileIsImportedFieldForField() {
        ImportReport report = importFile(GOOD);
        assertEquals(List.of(3, 3, 0, 0), List.of(report.entries(), report.added(), report.alreadyPresent(),
                report.problemCount()));
        assertEquals("good.jsonl: 3 added, 0 already in the project, 0 entries skipped as malformed", report.summary());

        String protest = GOOD.toAbsolutePath().getParent().resolve("clips/protest.mp4").toString();
        List<Video> videos = project.videos();
        assertEquals(List.of(protest, "/data/cuva/fire_012.mp4"), videos.stream().map(Video::path).toList());
        assertEquals("5d41402abc4b2a76b9719d911017c592".repeat(2), videos.get(0).sha256());

        List<Item> items = project.items(ItemFilter.all());
        Item first = items.get(0);
        assertEquals(List.of(protest, 4.0, 6.0, "negative", "gpt-4-vision-preview", "2024-02-15",
                        ItemSource.ATTRIBUTION, ItemState.UNREVIEWED),
                List.of(first.videoPath(), first.start(), first.end(), first.label(), first.generator(),
                        first.generatorVersion(), first.source(), first.state()));
        assertEquals(new Aspects("A man frowns, mouth open, shouting.", "He raises a fist towards the police line.",
                "man - holds - placard; police - hold - shields", "A city street at dusk, smoke in the air."),
                first.aspects());
        assertEquals("The man's shouting and raised fist show anger at the police.", first.summary());

        Item frame = items.get(1);
        assertEquals(List.of(7.25, 7.25, 7.25, "negative", ""),
                List.of(frame.start(), frame.end(), frame.frameTime(), frame.label(), frame.aspects().face()),
                "one frame: start = end = frameTime; TSL-300's \"n\" is negative");
        assertEquals(null, frame.summary());
        assertEquals(List.of("Forbidden to Burn", "llava-v1.6", "34b", 0.0, 2.5), List.of(items.get(2).label(),
                items.get(2).generator(), items.get(2).generatorVersion(), items.get(2).start(), items.get(2).end()));
    }

    @Test
    void importingTheSameFileAgainAddsNothing() {
        importFile(GOOD);
        project.edit(project.items(ItemFilter.all()).get(0).id(),
                ItemField.LABEL, "neutral");
        ImportReport again = importFile(GOOD);
        assertEquals(List.of(3, 0, 3), List.of(again.entries(), again.added(), again.alreadyPresent()));
        assertEquals(3, project.items(ItemFilter.all()).size());
        assertEquals("neutral", project.items(ItemFilter.all()).get(0).label(), "an edited item is kept as edited");
    }

    @Test
    void badLinesAreReportedWithFileLineAndFieldAndTheRestIsImported() throws IOException {
        List<String> good = Files.readAllLines(GOOD);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> lines = List.of(
                good.get(0),
                "{\"video\": \"a.mp4\", \"start\": 1.0, \"end\": 2.0, \"aspects\": {",
                good.get(1),
                good.get(3).replace(", \"background\": \"A backyard with dry grass.\"", ""),
                good.get(3).replace("\"end\": 2.5", "\"end\": 1").replace("\"start\": 0", "\"start\": 3"),
                good.get(3).replace("\"sentiment\"", "\"confidence\": 0.9, \"sentiment\""),
                good.get(3).replace("\"start\": 0", "\"start\": \"0\""),
                "INVALID",
                "[1, 2]");
        for (String line : lines) {
            bytes.write(line.getBytes(StandardCharsets.UTF_8));
            bytes.write('\n');
        }
        bytes.write(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\r', '\n'});
        Path bad = Files.write(folder.resolve("bad.jsonl"), bytes.toByteArray());

        ImportReport report = importFile(bad);
        assertEquals(List.of(10, 2, 0, 8), List.of(report.entries(), report.added(), report.alreadyPresent(),
                report.problemCount()));
        assertEquals(List.of(
                List.of(2, 58, "aspects", "the JSON ends before the document is complete (is the file truncated?)"),
                List.of(4, 62, "aspects.background",
                        "aspects.background is required (a text; empty when there was nothing to see)"),
                List.of(5, 50, "end", "end 1.0 is before start 3.0"),
                List.of(6, 320, "confidence", "unknown field \"confidence\"; allowed here: aspects, end, frameTime,"
                        + " generator, sentiment, sha256, start, summary, video (check the spelling against"
                        + " docs/formats.md, \"Machine attributions\")"),
                List.of(7, 38, "start", "expected a number, found a string (\"0\")"),
                List.of(8, 8, "", "invalid JSON: Unrecognized token 'INVALID': was expecting (JSON String, Number,"
                        + " Array, Object or token 'null', 'true' or 'false')"),
                List.of(9, 1, "", "expected an object, found an array"),
                List.of(10, -1, "", "the line is not UTF-8 text")),
                report.problems().stream().map(p -> List.<Object>of(p.line(), p.column(), p.field(), p.problem()))
                        .toList());
        assertEquals(bad + ", line 4, column 62, field aspects.background: aspects.background is required (a text;"
                + " empty when there was nothing to see)", report.problems().get(1).getMessage());
        assertTrue(report.problems().stream().allMatch(p -> p.file().equals(bad.toString())));
        assertEquals(List.of(4.0, 7.25), project.items(ItemFilter.all()).stream().map(Item::start).toList(),
                "lines 1 and 3 are imported");
    }

    @Test
    void cancellingImportsNothingAndProgressReachesTheEnd() throws IOException {
        Path many = folder.resolve("many.jsonl");
        String line = Files.readAllLines(GOOD).get(0);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            lines.add(line.replace("\"start\": 4.0, \"end\": 6.0", "\"start\": " + i + ", \"end\": " + (i + 2)));
        }
        Files.write(many, lines);
        AtomicInteger calls = new AtomicInteger();
        CancellationException e = assertThrows(CancellationException.class, () -> AttributionImporter.importFile(
                project, many, (n, f) -> { }, () -> calls.incrementAndGet() > 2));
        assertEquals(many + ": import cancelled; nothing was imported", e.getMessage());
        assertEquals(0, project.items(ItemFilter.all()).size());
        assertEquals(0, project.videos().size(), "the videos of a cancelled import go too");

        List<double[]> progress = new ArrayList<>();
        ImportReport report = AttributionImporter.importFile(project, many,
                (n, f) -> progress.add(new double[] {n, f}), () -> false);
        assertEquals(2000, report.added());
        assertEquals(List.of(500.0, 1000.0, 1500.0, 2000.0, 2000.0), progress.stream().map(p -> p[0]).toList());
        assertEquals(1.0, progress.get(progress.size() - 1)[1]);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i)[1] >= progress.get(i - 1)[1], "progress never goes back");
        }
        assertFalse(progress.get(0)[1] > 0.3, "a quarter of the lines is about a quarter of the file");
    }

    @Test
    void aMissingFileIsOneClearError() {
        Path missing = folder.resolve("none.jsonl");
        ImportException e = assertThrows(ImportException.class, () -> importFile(missing));
        assertEquals(missing + ": file not found", e.getMessage());
        assertEquals(0, project.items(ItemFilter.all()).size());
    }
}
