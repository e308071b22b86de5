package org.omnisila.annotator.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.omnisila.annotator.export.AnnotationExporter;
import org.omnisila.annotator.export.ExportListener;
import org.omnisila.annotator.export.ExportReport;
import org.omnisila.annotator.export.ExportSettings;
import org.omnisila.annotator.export.ImageFormat;
import org.omnisila.annotator.export.MediaMode;
import org.omnisila.annotator.importer.AttributionImporter;
import org.omnisila.annotator.importer.ImportListener;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.engine.video.SyntheticVideo;

/**
 * The export steps of {@link AnnotatorBenchmark}: every item of the benchmark's project as both instruction data
 * sets and the card (media none; unreviewed items included, as the benchmark reviews none), and a smaller project
 * over generated videos exported with clips.
 */
final class ExportBenchmark {

    /** Generated videos of the clip step: 640 x 360, 25 fps, 20 s, textured. */
    private static final int CLIP_VIDEOS = 5;

    private ExportBenchmark() {
    }

    /** Exports every item of an open project with media none, twice into fresh folders; prints the times. */
    static void instructions(AnnotationProject project, Path dir) throws IOException {
        ExportSettings settings = ExportSettings.DEFAULT.withUnreviewed(true);
        for (int run = 1; run <= 2; run++) {
            Path out = dir.resolve("export-none-" + run);
            long t0 = System.nanoTime();
            ExportReport report = new AnnotationExporter(settings, null).export(project, out, ExportListener.SILENT,
                    () -> false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            AnnotatorBenchmark.row("export, media none (run " + run + ")", seconds, "s", String.format(Locale.ROOT,
                    "%,.0f items/s, %,d entries, %.1f MB", report.items() / seconds,
                    report.entries().values().stream().mapToInt(Integer::intValue).sum(), size(out) / 1e6));
        }
    }

    /** A project of {@code items} 2 s items over generated videos, exported with clips; prints the time. */
    static void clips(Path dir, int items) throws IOException {
        Path videos = Files.createDirectories(dir.resolve("clip-videos"));
        for (int v = 0; v < CLIP_VIDEOS; v++) {
            SyntheticVideo.mp4(640, 360, 25, 500).texture(true).write(videos.resolve("v" + v + ".mp4"));
        }
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < items; i++) {
            double start = 0.4 * ((i / CLIP_VIDEOS) % 44); // distinct spans up to 220 items, within the 20 s
            lines.append(String.format(Locale.ROOT, "{\"video\": \"v%d.mp4\", \"start\": %.1f, \"end\": %.1f,"
                    + " \"aspects\": {\"face\": \"A frown (%d).\", \"action\": \"A raised fist.\", \"object\":"
                    + " \"man - holds - bottle\", \"background\": \"A street.\"}, \"summary\": \"Anger.\","
                    + " \"sentiment\": \"negative\", \"generator\": {\"name\": \"bench\", \"version\": \"1\"}}%n",
                    i % CLIP_VIDEOS, start, start + 2, i));
        }
        Path jsonl = videos.resolve("clips.jsonl");
        Files.writeString(jsonl, lines, StandardCharsets.UTF_8);
        Path file = dir.resolve("clips.sila");
        Files.deleteIfExists(file);
        AnnotationProject.create(file, "clip benchmark");
        try (AnnotationProject project = AnnotationProject.open(file, "benchmark")) {
            AttributionImporter.importFile(project, jsonl, ImportListener.SILENT, () -> false);
            ExportSettings settings = ExportSettings.DEFAULT.withUnreviewed(true).withMedia(MediaMode.CLIPS,
                    ImageFormat.JPEG, 0);
            Path out = dir.resolve("export-clips");
            long t0 = System.nanoTime();
            ExportReport report = new AnnotationExporter(settings, null).export(project, out, ExportListener.SILENT,
                    () -> false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            AnnotatorBenchmark.row("export, clips (640x360, 2 s each)", seconds, "s", String.format(Locale.ROOT,
                    "%,d items, %.0f ms per clip, %.1f MB", report.items(), 1000 * seconds / report.items(),
                    size(out) / 1e6));
            settings = settings.withMedia(MediaMode.FRAMES, ImageFormat.JPEG, 0);
            out = dir.resolve("export-frames");
            t0 = System.nanoTime();
            report = new AnnotationExporter(settings, null).export(project, out, ExportListener.SILENT, () -> false);
            seconds = (System.nanoTime() - t0) / 1e9;
            AnnotatorBenchmark.row("export, 8 JPEG frames per item", seconds, "s", String.format(Locale.ROOT,
                    "%,d items, %.0f ms per item, %.1f MB", report.items(), 1000 * seconds / report.items(),
                    size(out) / 1e6));
        }
    }

    private static long size(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
