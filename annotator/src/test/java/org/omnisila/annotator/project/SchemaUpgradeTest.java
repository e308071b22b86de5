package org.omnisila.annotator.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** A project written by the first release (schema 1) opens with this build, migrated to schema 2, its data kept. */
class SchemaUpgradeTest {

    @TempDir
    Path folder;

    @Test
    void aSchema1ProjectOpensAndIsMigrated() throws SQLException {
        Path file = folder.resolve("old.sila");
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        Flyway.configure().dataSource(source).locations("classpath:db/migration/annotator").target("1").load()
                .migrate();
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            assertEquals(List.of("1"), versions(s), "the file is a schema-1 project");
            s.executeUpdate("INSERT INTO project (id, name, created_at) VALUES (1, 'Old', '2026-01-01T00:00:00.000Z')");
            s.executeUpdate("INSERT INTO sessions (id, annotator, host, pid, opened_at)"
                    + " VALUES (1, 'Ann', 'studio', 1, '2026-01-01T00:00:00.000Z')");
            s.executeUpdate("INSERT INTO videos (id, path) VALUES (1, '/videos/old.mp4')");
            s.executeUpdate("INSERT INTO imports (id, session_id, at, file, kind)"
                    + " VALUES (1, 1, '2026-01-01T00:00:00.000Z', 'a.jsonl', 'attributions')");
            s.executeUpdate("INSERT INTO items (id, video_id, start_s, end_s, label, face, source, generator,"
                    + " generator_version, state, rating, import_id, origin_key) VALUES (7, 1, 1.0, 3.0, 'negative',"
                    + " 'A frown.', 'attribution', 'gpt', 'v1', 'accepted', 4, 1, 'k7')");
        }

        try (AnnotationProject project = AnnotationProject.open(file, "Bob")) {
            Item item = project.item(7);
            assertEquals(ItemState.ACCEPTED, item.state());
            assertEquals(4, item.rating());
            assertEquals("A frown.", item.aspects().face());
            assertEquals(AspectStates.unreviewed(), item.aspectStates(), "schema 1 knew no aspect states");
            assertEquals("k7", item.originKey());

            project.edit(7, ItemField.FACE_STATE, ItemState.REJECTED);
            assertEquals(ItemState.REJECTED, project.item(7).aspectStates().face());
            project.undo();
            assertEquals(ItemState.UNREVIEWED, project.item(7).aspectStates().face());
        }
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            assertEquals(List.of("1", "2"), versions(s));
        }
    }

    private static List<String> versions(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success = 1"
                + " ORDER BY installed_rank")) {
            List<String> out = new java.util.ArrayList<>();
            while (r.next()) {
                out.add(r.getString(1));
            }
            return out;
        }
    }
}
