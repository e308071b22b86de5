package org.omnisila.annotator.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An open annotation project: one SQLite file holding the videos, the items to review, the edit history and the
 * audit log (docs/annotation-guide.md). Every edit is saved as it is made, in one transaction forced to disk, so
 * closing the window or killing the program loses nothing that a call here has returned from. While open, the
 * project is locked for this window: a second open, from this program or another, is refused with a message that
 * says who has it.
 *
 * <p>The methods are synchronized: a view may call them from a background thread. Errors are
 * {@link ProjectException}s (the file, what failed, what to do) or, for a value a field does not accept,
 * {@link IllegalArgumentException}s saying which values it does.
 */
public final class AnnotationProject implements AutoCloseable {

    private final Path file;
    private final ProjectLock lock;
    private final Database db;
    private final Clock clock;
    private final Session session;
    private final String name;
    private final ItemQueries items;
    private final AuditLog audit;
    private final EditHistory history;
    private boolean importing;
    private boolean closed;

    private AnnotationProject(Path file, ProjectLock lock, Database db, Clock clock, Session session, String name) {
        this.file = file;
        this.lock = lock;
        this.db = db;
        this.clock = clock;
        this.session = session;
        this.name = name;
        this.items = new ItemQueries(db);
        this.audit = new AuditLog(db, session.id());
        this.history = new EditHistory(db, session.id(), clock, items, audit);
    }

    /**
     * Creates a new, empty project file.
     *
     * @param file where; it must not exist yet, its folder must
     * @param name the project's name, shown in the window; not blank
     * @throws ProjectException when the file exists or cannot be written; no partial file is left behind
     */
    public static void create(Path file, String name) {
        requireText("name", name);
        try (ProjectLock lock = ProjectLock.acquire(file, "(creating the project)", Instant.now())) {
            boolean done = false;
            try (Database db = ProjectDatabase.open(file, true)) {
                db.transaction("create the project", () -> db.update(
                        "INSERT INTO project (id, name, created_at) VALUES (1, ?, ?)", name,
                        Timestamps.format(Instant.now())));
                done = true;
            } finally {
                if (!done) {
                    deleteQuietly(file);
                }
            }
        }
    }

    /**
     * Opens a project for one annotator, whose name the audit log records with each change.
     *
     * @param file      the project file
     * @param annotator who works in it; not blank
     * @throws ProjectException when the project is open elsewhere (the message names who has it), is missing, is not
     *                          a project, was written by a newer Omni-SILA, or cannot be read
     */
    public static AnnotationProject open(Path file, String annotator) {
        return open(file, annotator, Clock.systemUTC());
    }

    /** {@link #open(Path, String)} with a clock, so that tests can state the times the log records. */
    static AnnotationProject open(Path file, String annotator, Clock clock) {
        requireText("annotator", annotator);
        Path absolute = file.toAbsolutePath().normalize();
        ProjectLock lock = ProjectLock.acquire(absolute, annotator, clock.instant());
        Database db = null;
        try {
            db = ProjectDatabase.open(absolute, false);
            Database opened = db;
            Workstation here = Workstation.current();
            Instant now = clock.instant();
            long sessionId = db.transaction("record who opened the project", () -> opened.insert(
                    "INSERT INTO sessions (annotator, host, pid, opened_at) VALUES (?, ?, ?, ?)", annotator,
                    here.host(), here.pid(), Timestamps.format(now)));
            String name = db.transaction("read the project", () -> opened.first(
                    "SELECT name FROM project WHERE id = 1", r -> r.getString(1), new Object[0]).orElseThrow(
                            () -> new ProjectException(absolute + " has no project record; it is damaged")));
            return new AnnotationProject(absolute, lock, db, clock,
                    new Session(sessionId, annotator, here.host(), here.pid(), now), name);
        } catch (RuntimeException e) {
            if (db != null) {
                db.close();
            }
            lock.close();
            throw e;
        }
    }

    /** The project file, absolute. */
    public Path file() {
        return file;
    }

    /** The project's name. */
    public String name() {
        return name;
    }

    /** This opening of the project: who, where, since when. */
    public Session session() {
        return session;
    }

    /** The items a filter keeps, by video, then start time. */
    public synchronized List<Item> items(ItemFilter filter) {
        return read("list the items", () -> items.find(filter));
    }

    /**
     * One item.
     *
     * @throws IllegalArgumentException when the project has no such item
     */
    public synchronized Item item(long id) {
        return read("read item " + id, () -> items.require(id));
    }

    /**
     * One item as it was imported: every field that the edits still in effect have changed shows its value from
     * before the first of them (undone edits do not count). Review compares with it to tell a corrected item from
     * one kept as written; a view can show the machine's original text beside the correction.
     *
     * @throws IllegalArgumentException when the project has no such item
     */
    public synchronized Item asImported(long id) {
        return read("read item " + id + " as imported", () -> history.asImported(items.require(id)));
    }

    /** One video, if the project has it. */
    public synchronized Optional<Video> video(long id) {
        return read("read video " + id, () -> db.first("SELECT id, path, sha256, duration FROM videos WHERE id = ?",
                r -> new Video(r.getLong(1), r.getString(2), r.getString(3), ItemQueries.nullableDouble(r, 4)), id));
    }

    /**
     * Reads the project's tables with plain SQL, in one transaction; see {@link ProjectSql}.
     *
     * @param what what the work does, for the message of a failure ("list the review queue")
     * @throws ProjectException when the database fails; runtime exceptions of the work pass through
     */
    public synchronized <T> T readTables(String what, ProjectSql.Work<T> work) {
        return read(what, () -> work.run(db));
    }

    /**
     * Writes tables that have no edit history (model opinions, peer reviews) with plain SQL, in one transaction,
     * committed and forced to disk before this returns, or rolled back as a whole; see {@link ProjectSql}.
     *
     * @param what what the work does, for the message of a failure ("save the model's opinion")
     * @throws ProjectException when the database fails; runtime exceptions of the work pass through
     */
    public synchronized <T> T writeTables(String what, ProjectSql.Work<T> work) {
        return write(what, () -> work.run(db));
    }

    /** Every video, by id. */
    public synchronized List<Video> videos() {
        return read("list the videos", () -> db.query("SELECT id, path, sha256, duration FROM videos ORDER BY id",
                r -> new Video(r.getLong(1), r.getString(2), r.getString(3), ItemQueries.nullableDouble(r, 4))));
    }

    /**
     * Sets one field of one item, saved before this returns, as one step of the edit history.
     *
     * @param value the new value, of the field's type ({@link ItemField})
     * @return the step, or empty when the item had that value already (nothing is recorded then)
     * @throws IllegalArgumentException for an unknown item or a value the field does not accept
     */
    public Optional<EditStep> edit(long itemId, ItemField field, Object value) {
        Map<ItemField, Object> values = new HashMap<>(); // Map.of refuses null, a valid value (no rating)
        values.put(field, value);
        return edit(itemId, values);
    }

    /**
     * Sets several fields of one item as one step (undone as a whole): moving a segment sets start and end together,
     * which one at a time could pass through an end before the start.
     *
     * @see #edit(long, ItemField, Object)
     */
    public synchronized Optional<EditStep> edit(long itemId, Map<ItemField, ?> values) {
        return write("save the edit of item " + itemId, () -> history.edit(itemId, values));
    }

    /** Takes back the last edit still in effect; empty when there is nothing to undo. */
    public synchronized Optional<EditStep> undo() {
        return write("undo", history::undo);
    }

    /** Makes the last undone edit again; empty when there is nothing to redo. */
    public synchronized Optional<EditStep> redo() {
        return write("redo", history::redo);
    }

    /** Whether {@link #undo()} has something to take back. */
    public synchronized boolean canUndo() {
        return read("read the edit history", history::canUndo);
    }

    /** Whether {@link #redo()} has something to make again. */
    public synchronized boolean canRedo() {
        return read("read the edit history", history::canRedo);
    }

    /** Who changed what of one item, and when, oldest first. */
    public synchronized List<AuditEntry> auditLog(long itemId) {
        return read("read the audit log", () -> audit.ofItem(itemId));
    }

    /** The whole audit log, oldest first. */
    public synchronized List<AuditEntry> auditLog() {
        return read("read the audit log", audit::all);
    }

    /**
     * Looks for the videos whose files are no longer where the project says, in a folder and its subfolders, and
     * points the project at the ones found (recorded in the audit log).
     *
     * @throws ProjectException when the folder does not exist or cannot be read
     */
    public synchronized RelinkReport relink(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ProjectException(file + ": cannot look for the videos in " + folder + ": "
                    + (Files.exists(folder) ? "it is not a folder" : "no such folder"));
        }
        List<Video> all = videos();
        List<Relinker.Found> found;
        try {
            found = new Relinker().find(all, folder);
        } catch (IOException e) {
            throw new ProjectException(file + ": cannot look for the videos in " + folder + ": " + e.getMessage(), e);
        }
        write("save the new video paths", () -> {
            Instant at = clock.instant();
            for (Relinker.Found f : found) {
                String path = f.file().toAbsolutePath().normalize().toString();
                boolean hashFree = db.first("SELECT 1 FROM videos WHERE sha256 = ? AND id <> ?", r -> true, f.sha256(),
                        f.video().id()).isEmpty();
                db.update("UPDATE videos SET path = ?, sha256 = ? WHERE id = ?", path,
                        hashFree ? f.sha256() : f.video().sha256(), f.video().id());
                audit.videoPath(at, f.video().id(), f.video().path(), path);
            }
            return null;
        });
        List<String> missing = new ArrayList<>();
        for (Video video : videos()) {
            if (!Relinker.exists(video.path())) {
                missing.add(video.path());
            }
        }
        return new RelinkReport(found.size(), missing);
    }

    /**
     * Starts an import of a file; see {@link ImportBatch}. Until the batch is closed, edits are refused.
     *
     * @param kind what the file is
     * @param from the file, as recorded in the project
     */
    public synchronized ImportBatch beginImport(ImportKind kind, Path from) {
        checkUsable();
        importing = true;
        return ImportBatch.begin(db, session.id(), Timestamps.format(clock.instant()), kind, from, this::importEnded);
    }

    private synchronized void importEnded() {
        importing = false;
    }

    /** Closes the project: the file is complete on disk and the lock is released. Closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            db.close();
        } finally {
            lock.close();
        }
    }

    private <T> T read(String what, Database.Work<T> work) {
        checkOpen();
        return db.transaction(what, work);
    }

    private <T> T write(String what, Database.Work<T> work) {
        checkUsable();
        return db.transaction(what, work);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the project " + file + " is closed");
        }
    }

    private void checkUsable() {
        checkOpen();
        if (importing) {
            throw new IllegalStateException("an import into " + file + " is running; wait for it or cancel it");
        }
    }

    private static void requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " must not be empty");
        }
    }

    private static void deleteQuietly(Path file) {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException ignored) {
                // Best effort: the creation's own failure is what is reported.
            }
        }
    }
}
