package org.omnisila.annotator.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.ImportBatch;
import org.omnisila.annotator.project.ImportKind;
import org.omnisila.annotator.project.NewItem;
import org.omnisila.engine.api.ResultFormatException;

/**
 * What every importer does around its parsing: one {@link ImportBatch} (one transaction), entries counted, bad ones
 * collected instead of stopping the import, progress reported, cancel honoured (everything rolled back), and the
 * {@link ImportReport} at the end.
 */
final class ImportRun implements AutoCloseable {

    /** Problems kept in the report; past this they are only counted (a wrong file would give one per line). */
    static final int KEPT_PROBLEMS = 1000;

    /** How often, in entries, progress is reported and cancel is checked. */
    private static final int EVERY = 500;

    private final Path file;
    private final ImportKind kind;
    private final ImportBatch batch;
    private final ImportListener listener;
    private final BooleanSupplier cancelled;
    private final List<ResultFormatException> problems = new ArrayList<>();
    private int problemCount;
    private int entries;

    ImportRun(AnnotationProject project, ImportKind kind, Path file, ImportListener listener,
              BooleanSupplier cancelled) {
        this.file = file;
        this.kind = kind;
        this.listener = listener;
        this.cancelled = cancelled;
        checkCancelled();
        this.batch = project.beginImport(kind, file);
    }

    /** The batch, for the importer's videos and items. */
    ImportBatch batch() {
        return batch;
    }

    /**
     * Counts one entry read; every so often reports progress and checks for cancel.
     *
     * @param fraction of the file read so far
     * @throws CancellationException when cancelled; the import is then rolled back by {@link #close()}
     */
    void entry(double fraction) {
        entries++;
        if (entries % EVERY == 0) {
            checkCancelled();
            listener.progress(entries, fraction);
        }
    }

    /**
     * Adds an item, or, when it cannot be made (an end before its start), records the problem at its entry.
     *
     * @param item  makes the item; may throw {@link IllegalArgumentException} saying what is wrong
     * @param line  the entry's line in the file
     * @param entry where the entry is, e.g. {@code database["v_1"].annotations[2]}
     */
    void add(Supplier<NewItem> item, int line, String entry) {
        NewItem made;
        try {
            made = item.get();
        } catch (IllegalArgumentException e) {
            problem(new ResultFormatException(file.toString(), line, -1, entry, e.getMessage(), null));
            return;
        }
        batch.add(made);
    }

    /** Records a malformed entry, which is skipped. */
    void problem(ResultFormatException problem) {
        problemCount++;
        if (problems.size() < KEPT_PROBLEMS) {
            problems.add(problem);
        }
    }

    /** Commits everything added and says what was done. */
    ImportReport finish() {
        checkCancelled();
        batch.finish(problemCount);
        listener.progress(entries, 1);
        return new ImportReport(file, kind, entries, batch.added(), batch.alreadyPresent(), problemCount, problems);
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException(file + ": import cancelled; nothing was imported");
        }
    }

    /** Ends the import; without {@link #finish()} nothing of it stays in the project. */
    @Override
    public void close() {
        batch.close();
    }
}
