package org.omnisila.annotator.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.annotator.importer.AttributionImporter;
import org.omnisila.annotator.importer.ImportListener;
import org.omnisila.annotator.project.AnnotationProject;

/** A program killed in the middle of an export leaves no export folder, only its hidden temporary one. */
class KilledExportTest {

    @TempDir
    Path dir;

    @Test
    void killedMidExportLeavesNoHalfFolder() throws Exception {
        Path project = ExportFixture.create(dir);
        StringBuilder lines = new StringBuilder();
        for (int k = 0; k < 60; k++) { // 60 more clips to write: the kill comes at the first, long before the end
            lines.append(String.format(java.util.Locale.ROOT, "{\"video\": \"a.mp4\", \"start\": %.2f, \"end\": %.2f,"
                    + " \"aspects\": {\"face\": \"f\", \"action\": \"a\", \"object\": \"o\", \"background\":"
                    + " \"b\"}, \"sentiment\": \"negative\", \"generator\": {\"name\": \"g\", \"version\":"
                    + " \"1\"}}%n", 0.05 * k, 0.05 * k + 1));
        }
        Path more = dir.resolve("videos/more.jsonl");
        Files.writeString(more, lines);
        try (AnnotationProject p = AnnotationProject.open(project, "Ann")) {
            AttributionImporter.importFile(p, more, ImportListener.SILENT, () -> false);
        }
        Path out = dir.resolve("export");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ExportChild.class.getName(), project.toString(), out.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.equals("started"));
            assertEquals("started", line, "the child began exporting");
            Path partial = waitForMedia();
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertTrue(partial != null, "the child was writing clips when it was killed");
        }
        assertFalse(Files.exists(out), "no export folder, whole or half");
        try (Stream<Path> siblings = Files.list(dir)) {
            List<String> hidden = siblings.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))
                    .toList();
            assertEquals(1, hidden.size(), hidden.toString());
            assertTrue(hidden.get(0).startsWith(".export.partial-"), hidden.toString());
        }
    }

    /** Waits until the child's hidden folder holds a clip; returns it, or null after 60 s. */
    private Path waitForMedia() throws IOException, InterruptedException {
        for (int i = 0; i < 6000; i++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                Path clip = walk.filter(p -> p.toString().contains(".partial-") && p.toString().endsWith(".mp4"))
                        .findFirst().orElse(null);
                if (clip != null) {
                    return clip;
                }
            }
            Thread.sleep(10);
        }
        return null;
    }
}
