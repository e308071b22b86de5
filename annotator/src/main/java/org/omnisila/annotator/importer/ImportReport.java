package org.omnisila.annotator.importer;

import java.nio.file.Path;
import java.util.List;
import org.omnisila.annotator.project.ImportKind;
import org.omnisila.engine.api.ResultFormatException;

/**
 * What an import did.
 *
 * @param file           the file imported
 * @param kind           what it was
 * @param entries        entries read (non-blank lines, ground-truth segments, located sentiments), good or bad
 * @param added          items added to the project
 * @param alreadyPresent items skipped because the project had them (the file, or part of it, was imported before)
 * @param problemCount   entries skipped as malformed
 * @param problems       the first {@link ImportRun#KEPT_PROBLEMS} of them, in file order, each with its file, line,
 *                       column and field where known ({@link ResultFormatException#getMessage()} reads as
 *                       {@code a.jsonl, line 3, column 18, field aspects.face: ...})
 */
public record ImportReport(Path file, ImportKind kind, int entries, int added, int alreadyPresent, int problemCount,
                           List<ResultFormatException> problems) {

    /** Copies the problems (unmodifiable). */
    public ImportReport {
        problems = List.copyOf(problems);
    }

    /** One line for the annotator: what was added, what was there, what was skipped. */
    public String summary() {
        return file.getFileName() + ": " + added + " added, " + alreadyPresent + " already in the project, "
                + problemCount + (problemCount == 1 ? " entry" : " entries") + " skipped as malformed";
    }
}
