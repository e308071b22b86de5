package org.omnisila.annotator.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Killing the program while it saves edits loses none it reported saved and leaves a sound file: a child JVM edits
 * in a loop, printing each step's id once its edit has returned, and is killed (SIGKILL, as a crash) at a random
 * moment, three times over on the same project.
 */
class CrashSafetyTest {

    private static final int ROUNDS = 3;

    /** One edit the child reported as committed. */
    private record Committed(long step, long item, String summary) {
    }

    @TempDir
    Path folder;

    @Test
    void killedMidWriteTheProjectOpensSoundWithEveryReportedEdit() throws Exception {
        Path file = Projects.create(folder).toAbsolutePath();
        String[] args;
        try (AnnotationProject project = AnnotationProject.open(file, "setup")) {
            long[] items = Projects.addItems(project, "/videos/a.mp4", null, 5);
            args = new String[items.length + 2];
            args[0] = "edit";
            args[1] = file.toString();
            for (int i = 0; i < items.length; i++) {
                args[i + 2] = Long.toString(items[i]);
            }
        }
        Random random = new Random(6);
        List<Committed> committed = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            committed.addAll(editUntilKilled(args, 100 + random.nextInt(200)));

            assertEquals("ok", integrityCheck(file), "round " + round);
            try (AnnotationProject reopened = AnnotationProject.open(file, "checker")) {
                assertTrue(reopened.canUndo(), "the history is usable after the crash");
            }
            assertEveryEditIsThere(file, committed);
        }
        assertTrue(committed.size() >= ROUNDS * 100, "edits seen: " + committed.size());
    }

    /** Starts the editing child, waits until it reported {@code count} commits, kills it, returns all it reported. */
    private static List<Committed> editUntilKilled(String[] args, int count) throws IOException, InterruptedException {
        List<Committed> seen = new ArrayList<>();
        try (ChildJvm child = ChildJvm.start(args)) {
            child.awaitLine("open ");
            while (seen.size() < count) {
                Committed c = parse(child.nextLine());
                if (c != null) {
                    seen.add(c);
                }
            }
            child.kill();
            // Lines already written before the kill were committed too; a cut-off last line lacks its "ok".
            for (String line = child.nextLine(); line != null; line = child.nextLine()) {
                Committed c = parse(line);
                if (c != null) {
                    seen.add(c);
                }
            }
        }
        return seen;
    }

    private static Committed parse(String line) {
        if (line == null) {
            throw new AssertionError("the editing child ended by itself");
        }
        String[] parts = line.split(" ");
        if (parts.length != 5 || !parts[0].equals("committed") || !parts[4].equals("ok")) {
            return null;
        }
        return new Committed(Long.parseLong(parts[1]), Long.parseLong(parts[2]), "edit " + parts[3]);
    }

    private static String integrityCheck(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            r.next();
            return r.getString(1);
        }
    }

    /** Each reported step is in the history with its value, and each item holds its last step's value. */
    private static void assertEveryEditIsThere(Path file, List<Committed> committed) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement step = c.prepareStatement(
                     "SELECT s.status, x.item_id, x.new_value FROM edit_steps s JOIN edit_changes x ON x.step_id = s.id"
                             + " WHERE s.id = ?");
             PreparedStatement latest = c.prepareStatement(
                     "SELECT x.new_value FROM edit_changes x JOIN edit_steps s ON s.id = x.step_id"
                             + " WHERE x.item_id = ? AND s.status = 'done' ORDER BY s.id DESC LIMIT 1");
             PreparedStatement item = c.prepareStatement("SELECT summary FROM items WHERE id = ?")) {
            for (Committed expected : committed) {
                step.setLong(1, expected.step());
                try (ResultSet r = step.executeQuery()) {
                    assertTrue(r.next(), "step " + expected.step() + " was reported committed but is missing");
                    assertEquals(List.of("done", expected.item(), expected.summary()),
                            List.of(r.getString(1), r.getLong(2), r.getString(3)));
                }
            }
            for (long id : committed.stream().mapToLong(Committed::item).distinct().toArray()) {
                latest.setLong(1, id);
                item.setLong(1, id);
                try (ResultSet l = latest.executeQuery(); ResultSet i = item.executeQuery()) {
                    l.next();
                    i.next();
                    assertEquals(l.getString(1), i.getString(1), "item " + id + " holds its last edit");
                }
            }
        }
    }
}
