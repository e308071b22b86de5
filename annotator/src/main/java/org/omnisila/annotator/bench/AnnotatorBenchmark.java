package org.omnisila.annotator.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.omnisila.annotator.importer.AttributionImporter;
import org.omnisila.annotator.importer.ImportListener;
import org.omnisila.annotator.importer.ImportReport;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.ItemField;
import org.omnisila.annotator.project.ItemFilter;

/**
 * How fast an annotation project is where an annotator waits: importing machine attributions, saving one edit
 * (each is a transaction forced to disk), undoing one, listing the items of the review queue, and exporting the
 * items (both instruction data sets and the card, media none; then a smaller project's items with clips).
 *
 * <pre>
 * java -cp CLASSPATH org.omnisila.annotator.bench.AnnotatorBenchmark [--lines 100000] [--edits 1000]
 *     [--clip-items 100] [--dir DIR]
 * </pre>
 * Without {@code --dir} it works in a fresh temporary folder and deletes it at the end. Where the project lies
 * matters: an edit costs an fsync, which on a network drive or a busy disk takes longer.
 */
public final class AnnotatorBenchmark {

    private static final int VIDEOS = 100;

    private AnnotatorBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int lines = intOption(args, "--lines", 100_000);
        int edits = intOption(args, "--edits", 1000);
        int clipItems = intOption(args, "--clip-items", 100);
        String dirOption = option(args, "--dir", null);
        Path dir = dirOption != null ? Files.createDirectories(Path.of(dirOption))
                : Files.createTempDirectory("omnisila-annotator-bench");
        try {
            run(dir, lines, edits);
            if (clipItems > 0) {
                ExportBenchmark.clips(dir, clipItems);
            }
        } finally {
            if (dirOption == null) {
                deleteTree(dir);
            }
        }
    }

    private static void run(Path dir, int lines, int edits) throws IOException {
        Path jsonl = dir.resolve("attributions.jsonl");
        writeAttributions(jsonl, lines);
        Path file = dir.resolve("bench.sila");
        Files.deleteIfExists(file);
        AnnotationProject.create(file, "benchmark");
        System.out.printf(Locale.ROOT, "Annotation project benchmark: %,d attribution lines (%.1f MB) over %d videos,"
                + " %,d edits; project in %s%n%n", lines, Files.size(jsonl) / 1e6, VIDEOS, edits, dir);
        System.out.printf(Locale.ROOT, "%-44s %14s %s%n", "step", "time", "");
        try (AnnotationProject project = AnnotationProject.open(file, "benchmark")) {
            long t0 = System.nanoTime();
            ImportReport first = AttributionImporter.importFile(project, jsonl, ImportListener.SILENT, () -> false);
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            row("import (one transaction)", importSeconds, "s", String.format(Locale.ROOT, "%,.0f lines/s, %,d added",
                    lines / importSeconds, first.added()));
            t0 = System.nanoTime();
            ImportReport again = AttributionImporter.importFile(project, jsonl, ImportListener.SILENT, () -> false);
            row("import the same file again", (System.nanoTime() - t0) / 1e9, "s",
                    String.format(Locale.ROOT, "%,d added, %,d already there", again.added(), again.alreadyPresent()));

            t0 = System.nanoTime();
            List<Long> ids = project.items(ItemFilter.all()).stream().map(i -> i.id()).toList();
            row("list every item (review queue)", (System.nanoTime() - t0) / 1e6, "ms",
                    String.format(Locale.ROOT, "%,d items", ids.size()));

            int warmUp = Math.min(100, edits);
            timed(warmUp, i -> project.edit(ids.get(i % ids.size()), ItemField.SUMMARY, "warm-up " + i));
            double[] edit = timed(edits, i -> project.edit(ids.get((i * 97) % ids.size()), ItemField.SUMMARY,
                    "edited summary " + i));
            printDistribution("save one edit", edit);
            double[] undo = timed(Math.min(edits, 200), i -> project.undo());
            printDistribution("undo one edit", undo);
            ExportBenchmark.instructions(project, dir);
        }
        System.out.printf(Locale.ROOT, "%nproject file: %.1f MB%n", Files.size(file) / 1e6);
    }

    /** Runs an action n times; returns each run's milliseconds. */
    private static double[] timed(int n, java.util.function.IntConsumer action) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            action.accept(i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    private static void printDistribution(String step, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        Supplier<String> rest = () -> String.format(Locale.ROOT, "median of %,d; p95 %.2f ms, max %.2f ms",
                sorted.length, sorted[(int) Math.floor(0.95 * (sorted.length - 1))], sorted[sorted.length - 1]);
        row(step, sorted[sorted.length / 2], "ms", rest.get());
    }

    static void row(String step, double value, String unit, String note) {
        System.out.printf(Locale.ROOT, "%-44s %11.2f %-2s %s%n", step, value, unit, note);
    }

    /** Lines shaped like GPT-4V's (paper section 4.1): a 2 s segment, four aspects of a sentence each, a summary. */
    private static void writeAttributions(Path file, int lines) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                int video = i % VIDEOS;
                double start = 2.0 * (i / VIDEOS);
                out.write(String.format(Locale.ROOT, "{\"video\": \"videos/clip_%03d.mp4\", \"start\": %.1f, \"end\": %.1f,"
                        + " \"aspects\": {\"face\": \"A man in the centre frowns, brows lowered, mouth open (%d).\","
                        + " \"action\": \"He raises his right fist towards a second person, who steps back.\","
                        + " \"object\": \"man - holds - bottle; person - near - car\","
                        + " \"background\": \"A street at night, lit shop windows, wet asphalt.\"},"
                        + " \"summary\": \"Anger: the frown and raised fist are directed at the other person.\","
                        + " \"sentiment\": \"negative\", \"generator\": {\"name\": \"gpt-4-vision-preview\","
                        + " \"version\": \"2024-02-15\"}}%n", video, start, start + 2, i));
            }
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int intOption(String[] args, String name, int fallback) {
        String value = option(args, name, null);
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
