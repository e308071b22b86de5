package org.omnisila.engine.llm.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.data.DatasetFormatException;
import org.omnisila.engine.llm.text.LlmTokenizer;
import org.omnisila.engine.llm.text.VicunaTemplate;
import org.omnisila.engine.video.SyntheticVideo;

/**
 * An export as docs/formats.md describes it (one entry per line; clips, frames and source media), with damage: a
 * broken line, missing media, a bad role. Also a pretty-printed Video-LLaVA file.
 */
class InstructionDatasetTest {
    @TempDir
    static Path export;
    private static Path source;

    private static final String FACE = "{\"id\":\"item-1-face\",\"video\":\"media/item-1.mp4\",\"conversations\":"
            + "[{\"from\":\"human\",\"value\":\"<video>\\nPlease describe the facial expression.\"},{\"from\":\"gpt\","
            + "\"value\":\"The man smiles.\"}],\"item\":1,\"segment\":[1.0,3.0],\"window\":[0.5,3.5]}";
    private static final String FRAMES = "{\"id\":\"item-2-background\",\"video\":\"media/item-2\",\"frames\":["
            + "\"media/item-2/0.png\",\"media/item-2/1.png\",\"media/item-2/2.png\",\"media/item-2/3.png\","
            + "\"media/item-2/4.png\",\"media/item-2/5.png\",\"media/item-2/6.png\",\"media/item-2/7.png\"],"
            + "\"conversations\":[{\"from\":\"human\",\"value\":\"<video>\\nPlease describe the background.\"},"
            + "{\"from\":\"gpt\",\"value\":\"A street at night.\"}],\"item\":2,\"segment\":[0.0,1.0],"
            + "\"window\":[0.0,1.5]}";
    private static final String MISSING = "{\"id\":\"item-3-face\",\"video\":\"media/item-3.mp4\",\"conversations\":"
            + "[{\"from\":\"human\",\"value\":\"<video>\\nQ\"},{\"from\":\"gpt\",\"value\":\"A\"}],\"item\":3,"
            + "\"window\":[0.0,1.0]}";
    private static final String BAD_ROLE = "{\"id\":\"item-4-face\",\"video\":\"media/item-1.mp4\",\"conversations\":"
            + "[{\"from\":\"human\",\"value\":\"<video>\\nQ\"},{\"from\":\"system\",\"value\":\"A\"}],\"item\":4}";

    @BeforeAll
    static void writeExport() throws Exception {
        Path media = Files.createDirectories(export.resolve("media"));
        SyntheticVideo.mp4(64, 48, 25, 75).write(media.resolve("item-1.mp4"));
        Path frames = Files.createDirectories(media.resolve("item-2"));
        for (int k = 0; k < 8; k++) {
            BufferedImage img = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
            img.setRGB(0, 0, 0x010101 * (k * 30));
            ImageIO.write(img, "png", frames.resolve(k + ".png").toFile());
        }
        source = export.resolve("source.mp4");
        SyntheticVideo.mp4(64, 48, 25, 50).write(source);
        String sourceEntry = "{\"id\":\"item-5-identify\",\"video\":\"" + source + "\",\"conversations\":["
                + "{\"from\":\"human\",\"value\":\"<video>\\nYou will be presented with a video.\"},"
                + "{\"from\":\"gpt\",\"value\":\"The implicit visual sentiment is Fighting.\"}],\"item\":5,"
                + "\"label\":\"Fighting\",\"segment\":[0.0,2.0]}";
        Path scene = Files.createDirectories(export.resolve("scene-tuning"));
        Files.writeString(scene.resolve("train.json"), "[\n" + FACE + ",\n" + FRAMES + ",\n"
                + FACE.substring(0, 60) + ",\n" + MISSING + ",\n" + BAD_ROLE + "\n]\n");
        Path omni = Files.createDirectories(export.resolve("omnisila-tuning"));
        Files.writeString(omni.resolve("test.json"), "[\n" + sourceEntry + "\n]\n");
    }

    @Test
    void readsTheExportKeepingTheValidRestWithWarnings() {
        InstructionDataset d = InstructionDataset.read(export, InstructionDataset.Stage.SCENE_TUNING, "train");
        assertEquals(List.of("item-1-face", "item-2-background"), d.entries().stream()
                .map(InstructionDataset.Entry::id).toList());
        InstructionDataset.Entry face = d.entries().get(0);
        assertEquals(InstructionDataset.Media.Kind.CLIP, face.media().kind());
        assertEquals(export.resolve("media/item-1.mp4"), face.media().path());
        assertEquals(0.5, face.media().window()[0]);
        assertEquals(2, face.line());
        assertEquals("<video>\nPlease describe the facial expression.", face.turns().get(0).value());
        assertTrue(face.turns().get(1).assistant());
        InstructionDataset.Entry frames = d.entries().get(1);
        assertEquals(InstructionDataset.Media.Kind.FRAMES, frames.media().kind());
        assertEquals(8, frames.media().frames().size());

        List<String> w = d.warnings();
        assertEquals(3, w.size(), w.toString());
        Path file = export.resolve("scene-tuning/train.json");
        assertTrue(w.get(0).startsWith(file + ":4:61: not a JSON entry"), w.get(0));
        assertTrue(w.get(1).equals(file + ":5: entry item-3-face: media " + export.resolve("media/item-3.mp4")
                + " not found; skipped"), w.get(1));
        assertTrue(w.get(2).startsWith(file + ":6: entry item-4-face has a turn from \"system\""), w.get(2));

        // the media give their 8 frames, the entries training examples
        assertEquals(8, face.media().frames8().images().size());
        assertEquals(8, frames.media().frames8().images().size());
        try (LlmTokenizer tokenizer = LlmTokenizer.open(TuningFixtures.tokenizer())) {
            TuningExample e = TuningExample.of(face, tokenizer, new VicunaTemplate(), null, 4096, 257);
            assertEquals("item-1-face", e.id());
            assertEquals(tokenizer.encode("The man smiles.").length + 1, e.tokens().supervised());
            assertEquals(8, e.frames().images().size());
            assertNull(e.scenes());
        }
    }

    @Test
    void sourceVideoWithoutWindowAndTheOtherStage() {
        InstructionDataset d = InstructionDataset.read(export, InstructionDataset.Stage.OMNISILA_TUNING, "test");
        InstructionDataset.Media m = d.entries().get(0).media();
        assertEquals(InstructionDataset.Media.Kind.SOURCE, m.kind());
        assertEquals(source, m.path()); // absolute: kept
        assertNull(m.window());
        assertTrue(d.warnings().isEmpty());
    }

    @Test
    void prettyPrintedFilesAreReadWholeAndTheirSyntaxErrorsNamed() throws Exception {
        Path pretty = Files.writeString(export.resolve("pretty.json"), "[\n  {\n    \"id\": \"a\",\n"
                + "    \"video\": \"media/item-1.mp4\",\n    \"conversations\": [\n"
                + "      {\"from\": \"human\", \"value\": \"<video>\\nQ\"},\n      {\"from\": \"gpt\", \"value\": \"A\"}\n"
                + "    ]\n  }\n]\n");
        InstructionDataset d = InstructionDataset.read(pretty, export);
        assertEquals(1, d.entries().size());
        assertEquals(2, d.entries().get(0).line());
        Path broken = Files.writeString(export.resolve("broken.json"), "[\n  {\n    \"id\": \"a\",\n    \"video\" "
                + "\"x\"\n  }\n]\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> InstructionDataset.read(broken, export));
        assertTrue(e.getMessage().startsWith(broken + ":4:13: not valid JSON"), e.getMessage());
        DatasetFormatException none = assertThrows(DatasetFormatException.class,
                () -> InstructionDataset.read(export.resolve("nowhere.json"), export));
        assertEquals(export.resolve("nowhere.json") + ": instruction data file not found", none.getMessage());
    }
}
