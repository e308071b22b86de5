package org.omnisila.annotator.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating and opening project files, and the messages when that cannot be done. */
class ProjectFileTest {

    @TempDir
    Path folder;

    @Test
    void aNewProjectOpensWithItsNameInWalModeWithForeignKeys() throws SQLException, IOException {
        Path file = Projects.create(folder);
        try (AnnotationProject project = AnnotationProject.open(file, "Ann")) {
            assertEquals("Protest footage", project.name());
            assertEquals("Ann", project.session().annotator());
            assertEquals(ProcessHandle.current().pid(), project.session().pid());
            assertEquals(0, project.items(ItemFilter.all()).size());
            try (ImportBatch batch = project.beginImport(ImportKind.ATTRIBUTIONS, Path.of("x.jsonl"))) {
                NewItem orphan = new NewItem(999, 0, 1, null, "positive", Aspects.none(), null,
                        ItemSource.ATTRIBUTION, "g", "1", null);
                ProjectException e = assertThrows(ProjectException.class, () -> batch.add(orphan));
                assertTrue(e.getMessage().startsWith(file + ": cannot add an item: "), e.getMessage());
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet mode = s.executeQuery("PRAGMA journal_mode")) {
            mode.next();
            assertEquals("wal", mode.getString(1));
        }
        assertEquals("", Files.readString(ProjectLock.lockFileOf(file)), "the lock file is emptied on close");
    }

    @Test
    void createRefusesAnExistingFile() {
        Path file = Projects.create(folder);
        ProjectException e = assertThrows(ProjectException.class, () -> AnnotationProject.create(file, "Again"));
        assertEquals(file + " already exists; open it, or choose another file name for a new project", e.getMessage());
    }

    @Test
    void openSaysWhatIsWrongWithTheFile() throws IOException, SQLException {
        Path missing = folder.resolve("missing.sila");
        assertEquals(missing + ": no such project file",
                assertThrows(ProjectException.class, () -> AnnotationProject.open(missing, "Ann")).getMessage());
        assertFalse(Files.exists(missing), "opening does not create the file");

        Path text = Files.writeString(folder.resolve("notes.sila"), "these are notes, not a project\n".repeat(100));
        assertEquals(text + ": cannot open the project: this is not an annotation project (not an SQLite database)",
                assertThrows(ProjectException.class, () -> AnnotationProject.open(text, "Ann")).getMessage());

        Path other = folder.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t (a INTEGER)");
        }
        assertEquals(other + " is an SQLite database but not an annotation project",
                assertThrows(ProjectException.class, () -> AnnotationProject.open(other, "Ann")).getMessage());

        assertThrows(IllegalArgumentException.class, () -> AnnotationProject.open(Projects.create(folder), " "));
    }

    @Test
    void aProjectFromANewerVersionIsRefusedWithoutTouchingIt() throws SQLException {
        Path file = Projects.create(folder);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, installed_on, execution_time, success) VALUES (99, '99', 'future',"
                    + " 'SQL', 'V99__future.sql', 0, 'test', '2030-01-01 00:00:00.000', 1, 1)");
        }
        ProjectException e = assertThrows(ProjectException.class, () -> AnnotationProject.open(file, "Ann"));
        assertEquals(file + " was written by a newer Omni-SILA (project schema 99); this build reads up to schema 2."
                + " Update the workbench to open it.", e.getMessage());
    }
}
