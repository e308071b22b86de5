package org.omnisila.annotator.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.annotator.project.ProjectException;
import org.sqlite.SQLiteDataSource;

/** Importing another annotator's copy: read-only, while it is open, matched by origin, replaced on re-import. */
class PeerReviewsTest {

    @TempDir
    Path folder;

    @Test
    void aCopyOpenInItsOwnersWindowIsReadWithoutTakingItsLock() throws IOException {
        Path ann = ReviewProjects.create(folder, "ann.sila");
        long[] ids;
        try (AnnotationProject project = AnnotationProject.open(ann, "Ann")) {
            ids = ReviewProjects.addItems(project, "/videos/a.mp4", 20.0, "negative", "negative", "positive");
        }
        Path bob = Files.copy(ann, folder.resolve("bob.sila"));
        try (AnnotationProject annProject = AnnotationProject.open(ann, "Ann");
             AnnotationProject bobProject = AnnotationProject.open(bob, "Bob")) {
            Review bobReview = new Review(bobProject);
            bobReview.accept(ids[0]);
            bobReview.setLabel(ids[1], "positive");
            bobReview.rate(ids[1], 5);
            bobReview.reject(ids[2]);
            List<Long> before = bobProject.auditLog().stream().map(e -> e.id()).toList();

            PeerReviews peers = new PeerReviews(annProject);
            PeerImportReport report = peers.importFrom(bob);
            assertEquals(Map.of("Bob", 3), report.judgements());
            assertEquals("bob.sila: 3 judgements by Bob", report.summary());

            List<PeerReview> second = peers.of(ids[1]);
            assertEquals(1, second.size());
            assertEquals("positive", second.get(0).label());
            assertEquals(ItemState.EDITED, second.get(0).state());
            assertEquals(5, second.get(0).rating());
            assertEquals(bob.toAbsolutePath().normalize().toString(), second.get(0).fromFile());
            assertEquals(ItemState.REJECTED, peers.of(ids[2]).get(0).state());
            assertEquals(List.of("Bob"), peers.annotators());

            ProjectException locked = assertThrows(ProjectException.class, () -> AnnotationProject.open(bob, "Eve"));
            assertTrue(locked.getMessage().contains("by annotator Bob"), "Bob's window still holds his project");
            assertEquals(before, bobProject.auditLog().stream().map(e -> e.id()).toList(), "the copy is unchanged");

            // Bob takes one verdict back; importing his copy again replaces what it gave
            new Review(bobProject).reopen(ids[0]);
            assertEquals(Map.of("Bob", 2), peers.importFrom(bob).judgements());
            assertEquals(List.of(), peers.of(ids[0]));
            assertEquals(2, peers.all().size());
        }
        try (AnnotationProject annProject = AnnotationProject.open(ann, "Ann")) {
            // closed copy: no write-ahead log beside it any more; still read
            assertEquals(2, new PeerReviews(annProject).importFrom(bob).total());
        }
    }

    @Test
    void copiesThatImportedTheVideosInAnotherOrderStillMatch() {
        Path ann = ReviewProjects.create(folder, "ann.sila");
        Path bob = ReviewProjects.create(folder, "bob.sila");
        try (AnnotationProject bobProject = AnnotationProject.open(bob, "Bob")) {
            long[] other = ReviewProjects.addItems(bobProject, "/videos/only-bob.mp4", null, "neutral");
            long[] shared = ReviewProjects.addItems(bobProject, "/videos/a.mp4", null, "negative", "positive");
            Review review = new Review(bobProject);
            review.accept(other[0]);
            review.reject(shared[1]);
        }
        try (AnnotationProject project = AnnotationProject.open(ann, "Ann")) {
            long[] ids = ReviewProjects.addItems(project, "/videos/a.mp4", null, "negative", "positive");
            PeerReviews peers = new PeerReviews(project);
            PeerImportReport report = peers.importFrom(bob);
            assertEquals(Map.of("Bob", 1), report.judgements());
            assertEquals(1, report.notInThisProject());
            assertEquals("bob.sila: 1 judgement by Bob; 1 item not in this project, skipped", report.summary());
            assertEquals(ItemState.REJECTED, peers.of(ids[1]).get(0).state());
        }
    }

    /** A copy still at schema 1 (an older workbench) is read as it is, not migrated; its video ids are its own. */
    @Test
    void aSchema1CopyIsReadWithoutMigratingIt() throws SQLException {
        Path old = folder.resolve("old-bob.sila");
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + old);
        Flyway.configure().dataSource(source).locations("classpath:db/migration/annotator").target("1").load()
                .migrate();
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO project (id, name, created_at) VALUES (1, 'Old', '2026-01-01T00:00:00.000Z')");
            s.executeUpdate("INSERT INTO sessions (id, annotator, host, pid, opened_at)"
                    + " VALUES (1, 'Bob', 'studio', 1, '2026-01-01T00:00:00.000Z')");
            s.executeUpdate("INSERT INTO videos (id, path) VALUES (5, '/videos/a.mp4')");
            s.executeUpdate("INSERT INTO imports (id, session_id, at, file, kind)"
                    + " VALUES (1, 1, '2026-01-01T00:00:00.000Z', 'a.jsonl', 'attributions')");
            s.executeUpdate("INSERT INTO items (id, video_id, start_s, end_s, label, source, generator,"
                    + " generator_version, state, import_id, origin_key) VALUES (1, 5, 0.0, 2.0, 'positive',"
                    + " 'attribution', 'gpt-4-vision-preview', '2024-02-15', 'edited', 1,"
                    + " '5|0.0|2.0|negative|attribution|gpt-4-vision-preview|2024-02-15')");
            s.executeUpdate("INSERT INTO audit (session_id, at, action, item_id, field, old_value, new_value)"
                    + " VALUES (1, '2026-01-01T00:00:01.000Z', 'edit', 1, 'state', 'unreviewed', 'edited')");
        }
        Path ann = ReviewProjects.create(folder, "ann.sila");
        try (AnnotationProject project = AnnotationProject.open(ann, "Ann")) {
            long[] ids = ReviewProjects.addItems(project, "/videos/a.mp4", null, "negative");
            PeerReviews peers = new PeerReviews(project);
            assertEquals(Map.of("Bob", 1), peers.importFrom(old).judgements());
            assertEquals("positive", peers.of(ids[0]).get(0).label());
        }
        try (Connection c = source.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT MAX(version) FROM flyway_schema_history")) {
            r.next();
            assertEquals("1", r.getString(1), "the copy was not migrated");
        }
    }

    @Test
    void whatIsNotAnotherCopyIsRefusedWithWhatToDo() throws IOException {
        Path ann = ReviewProjects.create(folder, "ann.sila");
        Path notes = Files.writeString(folder.resolve("notes.sila"), "not a project\n".repeat(200));
        try (AnnotationProject project = AnnotationProject.open(ann, "Ann")) {
            PeerReviews peers = new PeerReviews(project);
            assertEquals(ann.toAbsolutePath() + " is this project itself; import another annotator's copy of it",
                    assertThrows(ProjectException.class, () -> peers.importFrom(ann)).getMessage());
            Path missing = folder.resolve("missing.sila");
            assertEquals(missing + ": no such project file; give the path of the other annotator's .sila file",
                    assertThrows(ProjectException.class, () -> peers.importFrom(missing)).getMessage());
            String message = assertThrows(ProjectException.class, () -> peers.importFrom(notes)).getMessage();
            assertTrue(message.startsWith(notes + ": cannot read the other annotator's judgements: "), message);
        }
    }
}
