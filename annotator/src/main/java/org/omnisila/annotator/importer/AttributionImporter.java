package org.omnisila.annotator.importer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.ImportKind;
import org.omnisila.annotator.project.ItemSource;
import org.omnisila.annotator.project.NewItem;
import org.omnisila.engine.api.ResultFormatException;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.api.StrictJson;
import org.omnisila.engine.api.StrictJsonText;

/**
 * Imports machine attributions, one JSON object per line ({@link AttributionLine}, docs/formats.md). A line that is
 * not valid JSON, or breaks the schema, is reported with the file, its line number, the column and field where
 * known, and skipped; blank lines are ignored; the valid rest is imported in one transaction. Importing the same
 * file again adds nothing.
 */
public final class AttributionImporter {

    /**
     * Strict as the product's own files (unknown fields, duplicate keys, "5" for 5 are errors), except that fields
     * may be left out: the optional ones are, and missing required ones are reported by the record by name.
     */
    private static final ObjectMapper MAPPER = StrictJson.mapper()
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, false);

    private static final String UNKNOWN_FIELD_HINT =
            "check the spelling against docs/formats.md, \"Machine attributions\"";

    private AttributionImporter() {
    }

    /**
     * @param project   the open project
     * @param file      the attribution lines
     * @param listener  told of progress every few hundred lines
     * @param cancelled checked as often; when it turns true the import stops and nothing of it is kept
     * @return what was added, what was there already, and the lines skipped with their problems
     * @throws ImportException when the file cannot be read at all (nothing is imported)
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    public static ImportReport importFile(AnnotationProject project, Path file, ImportListener listener,
                                          BooleanSupplier cancelled) {
        String name = file.toString();
        try (ImportRun run = new ImportRun(project, ImportKind.ATTRIBUTIONS, file, listener, cancelled);
             JsonLines lines = new JsonLines(file)) {
            for (JsonLines.Line line = lines.next(); line != null; line = lines.next()) {
                if (line.text() != null && line.text().isBlank()) {
                    continue;
                }
                run.entry(line.fraction());
                if (line.text() == null) {
                    run.problem(new ResultFormatException(name, line.number(), -1, "", "the line is not UTF-8 text",
                            null));
                    continue;
                }
                AttributionLine attribution;
                try {
                    attribution = StrictJsonText.parse(MAPPER, line.text(), name, UNKNOWN_FIELD_HINT)
                            .bind(AttributionLine.class);
                } catch (ResultFormatException e) {
                    // Parsed alone, the line is line 1 of its text: put back its number in the file.
                    run.problem(new ResultFormatException(name, line.number(), e.column(), e.field(), e.problem(),
                            null));
                    continue;
                }
                long video = run.batch().video(videoPath(file, attribution.video()), attribution.sha256(), null);
                run.add(() -> item(video, attribution), line.number(), "");
            }
            return run.finish();
        } catch (NoSuchFileException e) {
            throw new ImportException(name + ": file not found", e);
        } catch (IOException e) {
            throw new ImportException(name + ": cannot read the file: " + e.getMessage(), e);
        }
    }

    /**
     * Imports attribution lines made in memory, by a generator asking a model, exactly as the same lines read from a
     * file: the same items, the same origins (so what a file import added is not added again, and the other way
     * round), one transaction.
     *
     * @param project the open project
     * @param source  what the lines come from, recorded as the import's file (the generator records the video);
     *                a relative video path is relative to its folder
     * @param lines   the lines, validated as they were made; the first is line 1 in the report's problems
     * @return what was added, what was there already, and the lines that could not become an item
     */
    public static ImportReport importLines(AnnotationProject project, Path source, List<AttributionLine> lines) {
        try (ImportRun run = new ImportRun(project, ImportKind.ATTRIBUTIONS, source, ImportListener.SILENT,
                () -> false)) {
            int number = 0;
            for (AttributionLine attribution : lines) {
                number++;
                run.entry((double) number / lines.size());
                long video = run.batch().video(videoPath(source, attribution.video()), attribution.sha256(), null);
                run.add(() -> item(video, attribution), number, "");
            }
            return run.finish();
        }
    }

    private static NewItem item(long video, AttributionLine a) {
        return new NewItem(video, a.segmentStart(), a.segmentEnd(), a.frameTime(),
                SentimentLabels.canonical(a.sentiment()), a.aspects(), a.summary(), ItemSource.ATTRIBUTION,
                a.generator().name(), a.generator().version(), null);
    }

    /** A relative video path is relative to the attribution file's folder; the project keeps it absolute. */
    private static String videoPath(Path file, String video) {
        try {
            Path path = Path.of(video);
            Path folder = file.toAbsolutePath().getParent();
            return (path.isAbsolute() ? path : folder.resolve(path)).normalize().toString();
        } catch (InvalidPathException notAPathHere) {
            return video;
        }
    }
}
