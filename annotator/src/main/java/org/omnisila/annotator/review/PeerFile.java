package org.omnisila.annotator.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.annotator.project.ProjectException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * Reads the judgements out of another annotator's copy of a project, read-only: its schema is not migrated, its
 * lock is not taken (its owner may have it open in a window, which is fine: SQLite's WAL lets a reader see the last
 * committed state while the owner writes), and nothing in it is changed. Schema 1 and 2 files are read alike.
 */
final class PeerFile {

    /**
     * A reviewed item of the copy.
     *
     * @param originKey  its origin key in the copy (its first part is the copy's video id)
     * @param videoId    the copy's id of its video
     * @param label      its label there
     * @param start      its segment's start there
     * @param end        its end
     * @param state      its state there: accepted, edited or rejected
     * @param rating     its rating there, or null
     * @param annotator  who last changed its state (from the copy's audit log), else who last opened the copy
     */
    record Reviewed(String originKey, long videoId, String label, double start, double end, ItemState state,
                    Integer rating, String annotator) {
    }

    /**
     * A video of the copy.
     *
     * @param id     its id there
     * @param path   its path there
     * @param sha256 its hash, or null
     */
    record PeerVideo(long id, String path, String sha256) {
    }

    /**
     * What was read.
     *
     * @param videos the copy's videos
     * @param items  its reviewed items
     */
    record Contents(List<PeerVideo> videos, List<Reviewed> items) {
    }

    private PeerFile() {
    }

    /**
     * Reads a copy's videos and reviewed items.
     *
     * @throws ProjectException when the file is missing, not an annotation project, or cannot be read
     */
    static Contents read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ProjectException(file + ": no such project file" + (Files.exists(file) ? " (it is a folder)"
                    : "") + "; give the path of the other annotator's .sila file");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout(5000);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        try (Connection connection = source.getConnection()) {
            connection.setAutoCommit(false); // one read transaction: one consistent state of the copy
            checkIsProject(connection, file);
            Contents contents = new Contents(videos(connection), items(connection));
            connection.rollback();
            return contents;
        } catch (SQLException e) {
            throw new ProjectException(file + ": cannot read the other annotator's judgements: " + e.getMessage()
                    + " (is it an annotation project, and may you read it?)", e);
        }
    }

    private static void checkIsProject(Connection connection, Path file) throws SQLException {
        List<String> tables = strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table'"
                + " AND name IN ('items', 'videos', 'audit', 'sessions') ORDER BY name");
        if (tables.size() != 4) {
            throw new ProjectException(file + " is not an annotation project (it has no items, videos, audit and"
                    + " sessions tables); give the path of the other annotator's .sila file");
        }
    }

    private static List<PeerVideo> videos(Connection connection) throws SQLException {
        List<PeerVideo> videos = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT id, path, sha256 FROM videos");
             ResultSet r = statement.executeQuery()) {
            while (r.next()) {
                videos.add(new PeerVideo(r.getLong(1), r.getString(2), r.getString(3)));
            }
        }
        return videos;
    }

    private static List<Reviewed> items(Connection connection) throws SQLException {
        String lastOpened = strings(connection, "SELECT annotator FROM sessions ORDER BY id DESC LIMIT 1").stream()
                .findFirst().orElse("unknown");
        List<Reviewed> items = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT i.origin_key, i.video_id, i.label,"
                + " i.start_s, i.end_s, i.state, i.rating, (SELECT s.annotator FROM audit a"
                + " JOIN sessions s ON s.id = a.session_id WHERE a.item_id = i.id AND a.field = 'state'"
                + " ORDER BY a.id DESC LIMIT 1) FROM items i WHERE i.state <> 'unreviewed' ORDER BY i.id");
             ResultSet r = statement.executeQuery()) {
            while (r.next()) {
                int rating = r.getInt(7);
                Integer nullableRating = r.wasNull() ? null : rating;
                String annotator = r.getString(8);
                items.add(new Reviewed(r.getString(1), r.getLong(2), r.getString(3), r.getDouble(4), r.getDouble(5),
                        ItemState.of(r.getString(6)), nullableRating, annotator == null ? lastOpened : annotator));
            }
        }
        return items;
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet r = statement.executeQuery()) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
