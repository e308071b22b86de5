package org.omnisila.annotator.project;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One import into a project, as one transaction: the importer hands over videos and items as it reads them, and
 * {@link #finish} commits them all; closing without finishing (a failure, a cancel) leaves the project as it was.
 * An item whose origin (video, span, label, source, generator and version) the project already has is not added
 * again, so importing the same file twice adds nothing the second time.
 *
 * <p>While a batch is open, the project refuses edits (they would join the import's transaction).
 */
public final class ImportBatch implements AutoCloseable {

    private final Database db;
    private final long importId;
    private final Runnable onClose;
    private final Map<String, Long> videos = new HashMap<>();
    private int added;
    private int alreadyPresent;
    private boolean finished;
    private boolean closed;

    ImportBatch(Database db, long importId, Runnable onClose) {
        this.db = db;
        this.importId = importId;
        this.onClose = onClose;
    }

    /** Starts an import: records it (within its own transaction, so it disappears with a rollback). */
    static ImportBatch begin(Database db, long sessionId, String at, ImportKind kind, Path file, Runnable onClose) {
        try {
            long id = db.insert("INSERT INTO imports (session_id, at, file, kind) VALUES (?, ?, ?, ?)", sessionId, at,
                    file.toString(), kind.dbName());
            return new ImportBatch(db, id, onClose);
        } catch (SQLException e) {
            db.rollback();
            onClose.run();
            throw SqlProblems.of(db.name(), "start the import of " + file, e);
        }
    }

    /**
     * The project's id of a video, added if it is new. A video is found by its hash when one is given, else by its
     * path; a hash given for a video known so far only by its path is recorded, as is a duration not known yet.
     *
     * @param path     the video's path (or, for ground truth, its id); not blank
     * @param sha256   SHA-256 of its bytes, 64 lower-case hex digits, or null
     * @param duration its length in seconds, or null
     */
    public long video(String path, String sha256, Double duration) {
        String key = sha256 != null ? "sha256:" + sha256 : "path:" + path;
        Long known = videos.get(key);
        if (known != null) {
            return known;
        }
        long id = run("add the video " + path, () -> findOrAdd(path, sha256, duration));
        videos.put(key, id);
        return id;
    }

    private long findOrAdd(String path, String sha256, Double duration) throws SQLException {
        Optional<Long> found = sha256 != null
                ? db.first("SELECT id FROM videos WHERE sha256 = ?", r -> r.getLong(1), sha256)
                : db.first("SELECT id FROM videos WHERE path = ? ORDER BY sha256 IS NULL DESC, id LIMIT 1",
                        r -> r.getLong(1), path);
        if (found.isEmpty() && sha256 != null) {
            found = db.first("SELECT id FROM videos WHERE path = ? AND sha256 IS NULL", r -> r.getLong(1), path);
            if (found.isPresent()) {
                db.update("UPDATE videos SET sha256 = ? WHERE id = ?", sha256, found.get());
            }
        }
        if (found.isEmpty()) {
            return db.insert("INSERT INTO videos (path, sha256, duration) VALUES (?, ?, ?)", path, sha256, duration);
        }
        if (duration != null) {
            db.update("UPDATE videos SET duration = ? WHERE id = ? AND duration IS NULL", duration, found.get());
        }
        return found.get();
    }

    /**
     * Adds an item unless the project already has one of the same origin.
     *
     * @return true if it was added, false if it was already there
     */
    public boolean add(NewItem item) {
        int rows = run("add an item", () -> db.update("INSERT INTO items (video_id, start_s, end_s, frame_time, label,"
                        + " face, action, object, background, summary, source, generator, generator_version, score,"
                        + " import_id, origin_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (origin_key) DO NOTHING",
                item.videoId(), item.start(), item.end(), item.frameTime(), item.label(), item.aspects().face(),
                item.aspects().action(), item.aspects().object(), item.aspects().background(), item.summary(),
                item.source().dbName(), item.generator(), item.generatorVersion(), item.score(), importId,
                item.originKey()));
        if (rows == 1) {
            added++;
        } else {
            alreadyPresent++;
        }
        return rows == 1;
    }

    /** Items added so far. */
    public int added() {
        return added;
    }

    /** Items skipped so far because the project had them already. */
    public int alreadyPresent() {
        return alreadyPresent;
    }

    /**
     * Records the counts and commits everything the batch added.
     *
     * @param problems how many entries of the file were skipped as malformed
     */
    public void finish(int problems) {
        run("record the import", () -> db.update("UPDATE imports SET added = ?, already_present = ?, problems = ?"
                + " WHERE id = ?", added, alreadyPresent, problems, importId));
        db.commit("save the import");
        finished = true;
    }

    /** Ends the batch; without {@link #finish} everything it added is rolled back. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!finished) {
            db.rollback();
        }
        onClose.run();
    }

    private <T> T run(String what, Database.Work<T> work) {
        if (closed || finished) {
            throw new IllegalStateException("the import batch is already " + (closed ? "closed" : "finished"));
        }
        try {
            return work.run();
        } catch (SQLException e) {
            throw SqlProblems.of(db.name(), what, e);
        }
    }
}
