package org.omnisila.annotator.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemFilter;
import org.omnisila.annotator.project.ItemSource;
import org.omnisila.annotator.project.Video;

/** Ground truth in the ActivityNet layout: the real TSL-300 file, and a damaged one. */
class GroundTruthImporterTest extends ImportTest {

    /** TSL-300's ground truth (Apache-2.0), kept once in the repository, with the engine's test data. */
    private static final Path TSL300 = Path.of("../engine/src/test/resources/tsl300/gt.json");

    private ImportReport importFile(Path file) {
        return GroundTruthImporter.importFile(project, file, ImportListener.SILENT, () -> false);
    }

    @Test
    void theTsl300GroundTruthBecomes584ItemsOf300Videos() {
        ImportReport report = importFile(TSL300);
        assertEquals(List.of(584, 584, 0, 0), List.of(report.entries(), report.added(), report.alreadyPresent(),
                report.problemCount()));
        assertEquals(300, project.videos().size());
        List<Item> items = project.items(ItemFilter.all());
        assertEquals(Map.of("positive", 352L, "negative", 232L),
                items.stream().collect(Collectors.groupingBy(Item::label, Collectors.counting())));
        assertTrue(items.stream().allMatch(i -> i.source() == ItemSource.GROUND_TRUTH
                && i.generator().equals("ground-truth") && i.summary() == null && i.aspects().face() == null));

        Video first = project.videos().get(0);
        assertEquals("102_Ekman6_surprise_408", first.path(), "named by its id until relinked");
        List<Item> firstItems = project.items(ItemFilter.all().withVideo(first.id()));
        assertEquals(List.of(18.44, 31.199, 56.12, 61.38, 65.8, 129.598, 130.999, 145.266),
                firstItems.stream().flatMap(i -> List.of(i.start(), i.end()).stream()).toList());

        ImportReport again = importFile(TSL300);
        assertEquals(List.of(0, 584), List.of(again.added(), again.alreadyPresent()));
        assertEquals(584, project.items(ItemFilter.all()).size());
    }

    @Test
    void badEntriesAreReportedWithTheirLineAndTheRestIsImported() throws IOException {
        Path file = Files.writeString(folder.resolve("gt.json"), String.join("\n",
                "{\"database\": {",
                "  \"v_1\": {\"subset\": \"test\", \"annotations\": [",
                "    {\"segment\": [\"1.5\", \"4\"], \"label\": \"p\", \"attribution\": \"She smiles and waves.\"},",
                "    {\"segment\": [\"9\", \"3\"], \"label\": \"n\"},",
                "    {\"segment\": [\"5\", \"6\"]}",
                "  ]},",
                "  \"v_2\": {\"subset\": \"test\", \"duration\": 30.0, \"annotations\": [",
                "    {\"segment\": [2, 8], \"label\": \"Fighting\"}",
                "  ]}",
                "}}", ""));
        ImportReport report = importFile(file);
        assertEquals(List.of(2, 2), List.of(report.added(), report.problemCount()));
        assertEquals(List.of(4, 5), report.problems().stream().map(p -> p.line()).toList());
        assertTrue(report.problems().get(0).getMessage().startsWith(file + ", line 4, field database[\"v_1\"]"
                + ".annotations[1]"), report.problems().get(0).getMessage());

        Map<String, Item> byLabel = project.items(ItemFilter.all()).stream()
                .collect(Collectors.toMap(Item::label, Function.identity()));
        assertEquals("She smiles and waves.", byLabel.get("positive").summary());
        assertEquals(List.of(2.0, 8.0), List.of(byLabel.get("Fighting").start(), byLabel.get("Fighting").end()));
        assertEquals(30.0, project.videos().get(1).duration());
    }

    @Test
    void aFileThatIsNotGroundTruthImportsNothing() throws IOException {
        Path results = Files.writeString(folder.resolve("pred.json"), "{\"results\": {}}\n");
        ImportException e = assertThrows(ImportException.class, () -> importFile(results));
        assertTrue(e.getMessage().contains("no \"database\" field at the top level"), e.getMessage());
        assertEquals(0, project.videos().size());
    }
}
