package org.omnisila.annotator.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.engine.video.FrameReader;
import org.omnisila.engine.video.SyntheticVideo;
import org.omnisila.engine.video.VideoProbe;
import org.omnisila.engine.video.VideoMetadata;

/** The exports of {@link ExportFixture}'s project: exact files, reproducibility, media, atomicity, cancel. */
class AnnotationExporterTest {

    @TempDir
    static Path dir;
    private static Path project;

    @BeforeAll
    static void createProject() throws IOException {
        project = ExportFixture.create(dir);
    }

    private static ExportReport export(ExportSettings settings, Path out) {
        try (AnnotationProject p = AnnotationProject.open(project, "Exporter")) {
            return new AnnotationExporter(settings, null).export(p, out, ExportListener.SILENT, () -> false);
        }
    }

    @Test
    void writesTheHandWrittenFilesWithMediaNone() throws IOException {
        Path out = dir.resolve("none");
        ExportReport report = export(ExportSettings.DEFAULT, out);

        for (String file : List.of("scene-tuning/train.json", "scene-tuning/test.json", "omnisila-tuning/train.json",
                "omnisila-tuning/test.json", "card.json", "card.md")) {
            String actual = Files.readString(out.resolve(file)).replace(dir.toAbsolutePath().toString(), "DIR");
            assertEquals(resource("export/none/" + file), actual, file);
        }
        assertEquals(List.of("card.json", "card.md", "omnisila-tuning", "scene-tuning"), list(out));
        assertEquals(4, report.items());
        assertEquals(2, report.leftOut());
        assertEquals(2, report.trainVideos());
        assertEquals(1, report.testVideos());
        assertEquals(Map.of("scene-tuning", 15, "omnisila-tuning", 11), report.entries());
        assertEquals(out + ": 4 items (2 left out), 2 train / 1 test videos; scene-tuning 15 entries;"
                + " omnisila-tuning 11 entries", report.summary());
        assertTrue(new ObjectMapper().readTree(out.resolve("omnisila-tuning/train.json").toFile()).isArray(),
                "valid JSON");
    }

    @Test
    void unreviewedItemsOnlyWhenAskedAndRejectedNever() throws IOException {
        Path out = dir.resolve("unreviewed");
        ExportReport report = export(ExportSettings.DEFAULT.withUnreviewed(true), out);
        assertEquals(5, report.items());
        assertEquals(1, report.leftOut());
        List<Long> items = new ArrayList<>();
        for (String side : List.of("train", "test")) {
            for (JsonNode e : new ObjectMapper().readTree(out.resolve("scene-tuning/" + side + ".json").toFile())) {
                items.add(e.get("item").asLong());
            }
        }
        assertTrue(items.contains(5L), "the unreviewed item 5 is exported: " + items);
        assertFalse(items.contains(3L), "the rejected item 3 never is: " + items);
        JsonNode card = new ObjectMapper().readTree(out.resolve("card.json").toFile());
        assertEquals(1, card.at("/reviewStates/exported/unreviewed").asInt());
        assertEquals(0, card.at("/reviewStates/leftOut/unreviewed").asInt());
        assertEquals(1, card.at("/reviewStates/leftOut/rejected").asInt());
    }

    @Test
    void sameSettingsGiveByteIdenticalFilesWithClipsAndFrames() throws IOException {
        for (ExportSettings settings : List.of(
                ExportSettings.DEFAULT.withMedia(MediaMode.CLIPS, ImageFormat.JPEG, 0.5),
                ExportSettings.DEFAULT.withMedia(MediaMode.FRAMES, ImageFormat.JPEG, 0.5).withSplit(7, 0.5))) {
            Path first = dir.resolve("repro-" + settings.media().cliName() + "-1");
            Path second = dir.resolve("repro-" + settings.media().cliName() + "-2");
            export(settings, first);
            export(settings, second);
            Map<String, byte[]> a = contents(first);
            Map<String, byte[]> b = contents(second);
            assertEquals(a.keySet(), b.keySet());
            for (String file : a.keySet()) {
                assertArrayEquals(a.get(file), b.get(file), file + " differs between two exports");
            }
            assertTrue(a.keySet().stream().anyMatch(f -> f.startsWith("media/")), a.keySet().toString());
        }
    }

    @Test
    void clipsHoldTheItemsWindowAndLocateIsRelativeToIt() throws IOException {
        Path out = dir.resolve("clips");
        export(ExportSettings.DEFAULT.withMedia(MediaMode.CLIPS, ImageFormat.JPEG, 0.5), out);
        JsonNode train = new ObjectMapper().readTree(out.resolve("omnisila-tuning/train.json").toFile());
        JsonNode locate = train.get(1);
        assertEquals("item-4-locate", locate.get("id").asText());
        assertEquals("media/item-4.mp4", locate.get("video").asText());
        assertEquals("[0.5,3.75]", locate.get("window").toString(), "1-3.25 s with 0.5 s on either side");
        assertEquals("The location of positive is from 0.5s to 2.8s.",
                locate.at("/conversations/1/value").asText(), "1 - 0.5 and 3.25 - 0.5 = 2.75, rounded half up");

        Path clip = out.resolve("media/item-4.mp4");
        VideoMetadata meta = VideoProbe.probe(clip);
        assertEquals("h264", meta.codec());
        assertEquals(25.0, meta.fps(), 0.01);
        assertEquals(81, meta.frameCount(), "3.25 s at 25 fps, rounded");
        try (FrameReader reader = FrameReader.open(clip)) {
            // 0.5 s is frame 12.5 of the source: the reader shows frame 12 (0.48 s, within half a frame)
            assertEquals(12, SyntheticVideo.indexOf(reader.frameAt(0).image()), "the source's frame at 0.5 s");
            assertEquals(12 + 40, SyntheticVideo.indexOf(reader.frameAt(1.6).image()), "and 1.6 s later");
            assertEquals(12 + 80, SyntheticVideo.indexOf(reader.frameAt(3.2).image()), "the last frame");
        }
    }

    @Test
    void framesAreEightImagesEvenlySpacedOverTheWindow() throws IOException {
        Path out = dir.resolve("frames");
        export(ExportSettings.DEFAULT.withMedia(MediaMode.FRAMES, ImageFormat.PNG, 0), out);
        JsonNode entry = new ObjectMapper().readTree(out.resolve("scene-tuning/test.json").toFile()).get(0);
        assertEquals("media/item-1", entry.get("video").asText());
        assertEquals(8, entry.get("frames").size());
        for (int k = 0; k < 8; k++) {
            String frame = entry.get("frames").get(k).asText();
            assertEquals("media/item-1/" + k + ".png", frame);
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(out.resolve(frame).toFile());
            byte[] rgb = new byte[64 * 48 * 3];
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    int p = image.getRGB(x, y);
                    rgb[3 * (y * 64 + x)] = (byte) (p >> 16);
                    rgb[3 * (y * 64 + x) + 1] = (byte) (p >> 8);
                    rgb[3 * (y * 64 + x) + 2] = (byte) p;
                }
            }
            // item 1 spans 0-2 s: the middle of eighth k is (k + 0.5) x 0.25 s, frame round(25 x that) (ties early)
            int expected = (int) Math.ceil(25 * (k + 0.5) * 0.25 - 0.5);
            assertEquals(expected, SyntheticVideo.indexOf(new org.omnisila.engine.video.RgbImage(64, 48, rgb)),
                    "frame " + k);
        }
    }

    @Test
    void anotherSeedOrFractionGivesAnotherSplitButNeverSplitsAVideo() throws IOException {
        Path half = dir.resolve("split-half");
        export(ExportSettings.DEFAULT.withSplit(1, 0.67), half);
        JsonNode card = new ObjectMapper().readTree(half.resolve("card.json").toFile());
        assertEquals(2, card.at("/splits/test/videos").asInt(), "round(3 x 0.67) = 2");
        assertEquals(1, card.at("/splits/train/videos").asInt());
        for (String side : List.of("train", "test")) {
            for (JsonNode e : new ObjectMapper().readTree(half.resolve("scene-tuning/" + side + ".json").toFile())) {
                String video = e.get("video").asText();
                String other = side.equals("train") ? "test" : "train";
                assertFalse(Files.readString(half.resolve("scene-tuning/" + other + ".json")).contains(video),
                        video + " is on both sides");
            }
        }
    }

    @Test
    void refusesAFolderThatIsNotEmptyAndLeavesNothingWhenCancelled() throws IOException {
        Path taken = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(taken.resolve("keep.txt"), "mine");
        ExportException e = assertThrows(ExportException.class, () -> export(ExportSettings.DEFAULT, taken));
        assertEquals(taken + " already exists and is not empty; an export never overwrites: choose a new folder"
                + " or delete it", e.getMessage());
        assertEquals("mine", Files.readString(taken.resolve("keep.txt")));

        Path out = dir.resolve("cancelled");
        int[] polls = {0};
        try (AnnotationProject p = AnnotationProject.open(project, "Exporter")) {
            AnnotationExporter exporter = new AnnotationExporter(
                    ExportSettings.DEFAULT.withMedia(MediaMode.CLIPS, ImageFormat.JPEG, 0), null);
            List<Integer> progress = new ArrayList<>();
            assertThrows(CancellationException.class, () -> exporter.export(p, out, (d, t) -> progress.add(d),
                    () -> ++polls[0] > 1));
            assertEquals(List.of(0), progress);
        }
        assertFalse(Files.exists(out));
        try (Stream<Path> siblings = Files.list(dir)) {
            assertEquals(List.of(), siblings.map(s -> s.getFileName().toString())
                    .filter(n -> n.contains(".partial-")).toList(), "the hidden folder is removed too");
        }
    }

    @Test
    void reportsProgressToTheEndAndAnEmptyFolderIsUsed() throws IOException {
        Path out = Files.createDirectories(dir.resolve("empty"));
        List<int[]> progress = new ArrayList<>();
        try (AnnotationProject p = AnnotationProject.open(project, "Exporter")) {
            new AnnotationExporter(ExportSettings.DEFAULT, null).export(p, out, (d, t) -> progress.add(
                    new int[] {d, t}), () -> false);
        }
        assertArrayEquals(new int[] {0, 4}, progress.get(0));
        assertArrayEquals(new int[] {4, 4}, progress.get(progress.size() - 1));
        assertTrue(Files.isRegularFile(out.resolve("card.json")));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AnnotationExporterTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Map<String, byte[]> contents(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
