package org.omnisila.annotator.project;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Writes and reads the audit log: every change of an item field or a video path, who made it and when. */
final class AuditLog {

    private static final String SELECT = "SELECT a.id, a.at, s.annotator, s.host, a.action, a.item_id, a.video_id,"
            + " a.field, a.old_value, a.new_value FROM audit a JOIN sessions s ON s.id = a.session_id";

    private final Database db;
    private final long sessionId;

    AuditLog(Database db, long sessionId) {
        this.db = db;
        this.sessionId = sessionId;
    }

    /** Records a change of an item's field; values as stored. */
    void item(AuditAction action, Instant at, long itemId, ItemField field, Object oldValue, Object newValue)
            throws SQLException {
        db.update("INSERT INTO audit (session_id, at, action, item_id, video_id, field, old_value, new_value)"
                        + " VALUES (?, ?, ?, ?, NULL, ?, ?, ?)", sessionId, Timestamps.format(at), action.dbName(),
                itemId, field.fieldName(), ItemField.display(oldValue), ItemField.display(newValue));
    }

    /** Records a new path of a video. */
    void videoPath(Instant at, long videoId, String oldPath, String newPath) throws SQLException {
        db.update("INSERT INTO audit (session_id, at, action, item_id, video_id, field, old_value, new_value)"
                        + " VALUES (?, ?, 'relink', NULL, ?, 'path', ?, ?)", sessionId, Timestamps.format(at),
                videoId, oldPath, newPath);
    }

    /** The entries of one item, oldest first. */
    List<AuditEntry> ofItem(long itemId) throws SQLException {
        return db.query(SELECT + " WHERE a.item_id = ? ORDER BY a.id", AuditLog::entry, itemId);
    }

    /** Every entry, oldest first. */
    List<AuditEntry> all() throws SQLException {
        return db.query(SELECT + " ORDER BY a.id", AuditLog::entry);
    }

    private static AuditEntry entry(ResultSet r) throws SQLException {
        long item = r.getLong(6);
        Long itemId = r.wasNull() ? null : item;
        long video = r.getLong(7);
        Long videoId = r.wasNull() ? null : video;
        return new AuditEntry(r.getLong(1), Timestamps.parse(r.getString(2)), r.getString(3), r.getString(4),
                AuditAction.of(r.getString(5)), itemId, videoId, r.getString(8), r.getString(9), r.getString(10));
    }
}
