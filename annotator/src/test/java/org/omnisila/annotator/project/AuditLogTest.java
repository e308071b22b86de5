package org.omnisila.annotator.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log records who changed what and when, across annotators, and cannot be rewritten. */
class AuditLogTest {

    @TempDir
    Path folder;

    @Test
    void recordsEditsUndosAndRedosWithWhoAndWhen() {
        Path file = Projects.create(folder);
        String host = Workstation.current().host();
        TestClock clock = new TestClock("2026-03-01T09:00:00Z");
        long item;
        try (AnnotationProject ann = AnnotationProject.open(file, "Ann", clock)) {
            item = Projects.addItems(ann, "/videos/a.mp4", null, 1)[0];
            clock.advance(Duration.ofSeconds(5));
            ann.edit(item, ItemField.SUMMARY, "A man shouts at a crowd.");
            clock.advance(Duration.ofMillis(1500));
            ann.edit(item, ItemField.RATING, 4);
            clock.advance(Duration.ofSeconds(1));
            ann.undo();
        }
        clock.advance(Duration.ofHours(1));
        try (AnnotationProject bob = AnnotationProject.open(file, "Bob", clock)) {
            bob.redo();
            clock.advance(Duration.ofSeconds(2));
            bob.edit(item, ItemField.STATE, ItemState.EDITED);

            List<AuditEntry> log = bob.auditLog(item);
            List<List<Object>> expected = List.of(
                    List.of("2026-03-01T09:00:05Z", "Ann", "EDIT", "summary", "summary 0", "A man shouts at a crowd."),
                    List.of("2026-03-01T09:00:06.500Z", "Ann", "EDIT", "rating", "null", "4"),
                    List.of("2026-03-01T09:00:07.500Z", "Ann", "UNDO", "rating", "4", "null"),
                    List.of("2026-03-01T10:00:07.500Z", "Bob", "REDO", "rating", "null", "4"),
                    List.of("2026-03-01T10:00:09.500Z", "Bob", "EDIT", "state", "unreviewed", "edited"));
            assertEquals(expected, log.stream().map(e -> List.<Object>of(e.at().toString(), e.annotator(),
                    e.action().name(), e.field(), String.valueOf(e.oldValue()), String.valueOf(e.newValue()))).toList());
            assertTrue(log.stream().allMatch(e -> e.host().equals(host) && e.itemId() == item && e.videoId() == null));
            assertEquals(Instant.parse("2026-03-01T10:00:07.500Z"), bob.session().openedAt());
        }
    }

    @Test
    void theLogCannotBeRewrittenEvenFromOutside() throws SQLException {
        Path file = Projects.create(folder);
        try (AnnotationProject project = AnnotationProject.open(file, "Ann")) {
            long item = Projects.addItems(project, "/videos/a.mp4", null, 1)[0];
            project.edit(item, ItemField.LABEL, "positive");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE audit SET new_value = 'x'"));
            assertTrue(update.getMessage().contains("the audit log is append-only"), update.getMessage());
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM audit"));
        }
    }
}
