package org.omnisila.app.cli.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import java.util.Set;
import org.omnisila.annotator.importer.AttributionImporter;
import org.omnisila.annotator.importer.ImportListener;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemField;
import org.omnisila.annotator.project.ItemFilter;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.data.SceneDataset;
import org.omnisila.engine.data.SceneDatasetFiles;
import org.omnisila.engine.data.SceneSegment;
import org.omnisila.engine.data.SceneVideo;
import org.omnisila.engine.video.SyntheticVideo;
import picocli.CommandLine;

/** {@code omnisila annotate export} on a small project: two videos, three items, two of them accepted. */
class ExportCommandTest {

    @TempDir
    static Path dir;
    private static Path project;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void createProject() throws IOException {
        for (String name : new String[] {"one.mp4", "two.mp4"}) {
            SyntheticVideo.mp4(64, 48, 25, 75).write(dir.resolve(name));
        }
        StringBuilder lines = new StringBuilder();
        String[][] items = {{"one.mp4", "0", "2", "Fighting"}, {"one.mp4", "2", "3", "Fighting"},
            {"two.mp4", "0.5", "2.5", "Normal"}};
        for (String[] i : items) {
            lines.append("{\"video\": \"").append(i[0]).append("\", \"start\": ").append(i[1]).append(", \"end\": ")
                    .append(i[2]).append(", \"aspects\": {\"face\": \"\", \"action\": \"Two men fight.\", \"object\":")
                    .append(" \"man - hits - man\", \"background\": \"A car park.\"}, \"summary\": \"Blows are")
                    .append(" exchanged.\", \"sentiment\": \"").append(i[3]).append("\", \"generator\": {\"name\":")
                    .append(" \"gpt-4-vision-preview\", \"version\": \"2024-02-15\"}}\n");
        }
        Path jsonl = dir.resolve("lines.jsonl");
        Files.writeString(jsonl, lines, StandardCharsets.UTF_8);
        project = dir.resolve("cctv.sila");
        AnnotationProject.create(project, "CCTV");
        try (AnnotationProject p = AnnotationProject.open(project, "Ann")) {
            AttributionImporter.importFile(p, jsonl, ImportListener.SILENT, () -> false);
            for (Item item : p.items(ItemFilter.all())) {
                if (item.start() != 2) {
                    p.edit(item.id(), ItemField.STATE, ItemState.ACCEPTED);
                }
            }
        }
    }

    /** {@code omnisila annotate export ARGS}, as the command line runs it. */
    private int run(String... args) {
        CommandLine cl = new CommandLine(new AnnotateCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "export";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

    @Test
    void exportsTheAcceptedItemsWithClipsAndACard() throws IOException {
        Path target = dir.resolve("export-clips");
        Path agreement = dir.resolve("agreement.txt");
        Files.writeString(agreement, "Cohen's kappa 0.81 on labels (Ann, Bob; 120 items).\n");
        int code = run(project.toString(), "--out", target.toString(), "--media", "clips", "--seed", "3",
                "--test-fraction", "0.5", "--agreement", agreement.toString());
        assertEquals(0, code, err.toString());
        assertEquals("wrote " + target.toAbsolutePath() + ": 2 items (1 left out), 1 train / 1 test videos;"
                + " scene-tuning 6 entries; omnisila-tuning 6 entries", out.toString().strip());
        assertTrue(err.toString().contains("exporting 2/2"), err.toString());
        assertTrue(Files.size(target.resolve("media/item-1.mp4")) > 0);
        assertTrue(Files.size(target.resolve("media/item-3.mp4")) > 0);
        assertFalse(Files.exists(target.resolve("media/item-2.mp4")), "the unreviewed item has no clip");
        JsonNode card = new ObjectMapper().readTree(target.resolve("card.json").toFile());
        assertEquals("Cohen's kappa 0.81 on labels (Ann, Bob; 120 items).\n", card.get("agreement").asText());
        assertEquals(3, card.at("/settings/seed").asInt());
        assertEquals("clips", card.at("/settings/media").asText());
        assertTrue(Files.readString(target.resolve("card.md")).endsWith(
                "## Agreement\n\nCohen's kappa 0.81 on labels (Ann, Bob; 120 items).\n"));
        String identify = new ObjectMapper().readTree(target.resolve("omnisila-tuning/train.json").toFile())
                .toString() + new ObjectMapper().readTree(target.resolve("omnisila-tuning/test.json").toFile());
        assertTrue(identify.contains("The implicit visual sentiment is Fighting."), identify);
    }

    @Test
    void writesTheSceneFeatureDataSetWithTheBundledExtractors() {
        Path target = dir.resolve("export-features");
        int code = run(project.toString(), "--out", target.toString(), "--sets", "scene-features", "--segment", "1.0",
                "--device", "cpu", "--no-cache", "--test-fraction", "0.5", "--seed", "3");
        assertEquals(0, code, err.toString());
        SceneDataset data = SceneDatasetFiles.read(target.resolve("scene-features"));
        assertEquals(SentimentLabels.IMPLICIT, data.labels());
        assertEquals(List.of("one.mp4", "two.mp4"), data.videos().stream().map(SceneVideo::id).toList());
        SceneVideo one = data.videos().get(0);
        // item 1 (0-2 s, Fighting) is accepted; item 2 (2-3 s) is unreviewed and labels nothing
        assertEquals(List.of("Fighting", "Fighting", "Normal"), one.segments().stream().map(SceneSegment::label)
                .toList());
        assertEquals(List.of(new SceneVideo.Event(0, 2, "Fighting")), one.events());
        assertEquals(List.of(), data.videos().get(1).events(), "Normal is the background, not an event");
        assertEquals(8, data.frames());
        assertEquals(48, data.sceneWidths().get(0), "the face extractor's width (docs/formats.md)");
        assertEquals(Set.of("train", "test"), data.videos().stream().map(SceneVideo::subset).collect(
                java.util.stream.Collectors.toSet()));
    }

    @Test
    void unknownValuesAndATakenFolderAreOneLineMessages() throws IOException {
        assertEquals(1, run(project.toString(), "--out", dir.resolve("x").toString(), "--media", "gif"));
        assertEquals("annotate export: unknown media \"gif\"; expected clips, frames or none", err.toString().strip());

        err.getBuffer().setLength(0);
        assertEquals(1, run(project.toString(), "--out", dir.resolve("x").toString(), "--sets", "scene-tuning,sft"));
        assertEquals("annotate export: unknown data set \"sft\"; expected scene-tuning, omnisila-tuning or scene-features",
                err.toString().strip());

        Path taken = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(taken.resolve("notes.txt"), "keep");
        err.getBuffer().setLength(0);
        assertEquals(1, run(project.toString(), "--out", taken.toString()));
        assertEquals("annotate export: " + taken.toAbsolutePath() + " already exists and is not empty; an export never"
                + " overwrites: choose a new folder or delete it", err.toString().strip());

        err.getBuffer().setLength(0);
        assertEquals(1, run(dir.resolve("missing.sila").toString(), "--out", dir.resolve("y").toString()));
        assertTrue(err.toString().startsWith("annotate export: "), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        assertFalse(Files.exists(dir.resolve("y")));
    }
}
