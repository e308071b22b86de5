package org.omnisila.annotator.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits, undo and redo, checked step by step against the values written out by hand. */
class EditHistoryTest {

    @TempDir
    Path folder;

    private Path file;
    private AnnotationProject project;
    private long a;
    private long b;

    @BeforeEach
    void open() {
        file = Projects.create(folder);
        project = AnnotationProject.open(file, "Ann");
        long[] ids = Projects.addItems(project, "/videos/clip.mp4", null, 2);
        a = ids[0];
        b = ids[1];
    }

    @AfterEach
    void close() {
        project.close();
    }

    private String summary(long item) {
        return project.item(item).summary();
    }

    @Test
    void undoAndRedoWalkTheHistoryBackAndForth() {
        project.edit(a, ItemField.SUMMARY, "a1");
        project.edit(b, ItemField.SUMMARY, "b1");
        project.edit(a, ItemField.SUMMARY, "a2");
        assertEquals(List.of("a2", "b1"), List.of(summary(a), summary(b)));

        assertEquals("a2", project.undo().orElseThrow().changes().get(0).newValue());
        assertEquals(List.of("a1", "b1"), List.of(summary(a), summary(b)));
        project.undo();
        assertEquals(List.of("a1", "summary 1"), List.of(summary(a), summary(b)));
        project.undo();
        assertEquals(List.of("summary 0", "summary 1"), List.of(summary(a), summary(b)));
        assertFalse(project.canUndo());
        assertEquals(Optional.empty(), project.undo(), "nothing left to undo");

        project.redo();
        project.redo();
        assertEquals(List.of("a1", "b1"), List.of(summary(a), summary(b)));
        assertTrue(project.canRedo());
        project.redo();
        assertEquals(List.of("a2", "b1"), List.of(summary(a), summary(b)));
        assertFalse(project.canRedo());
        assertEquals(Optional.empty(), project.redo());
    }

    @Test
    void aNewEditDiscardsWhatCouldHaveBeenRedone() {
        project.edit(a, ItemField.SUMMARY, "a1");
        project.edit(a, ItemField.SUMMARY, "a2");
        project.undo();
        assertTrue(project.canRedo());

        project.edit(b, ItemField.LABEL, "positive");
        assertFalse(project.canRedo(), "a2 can no longer be redone");
        assertEquals(Optional.empty(), project.redo());
        assertEquals("a1", summary(a));

        project.undo();
        assertEquals("negative", project.item(b).label());
        project.undo();
        assertEquals("summary 0", summary(a));
        assertFalse(project.canUndo());
    }

    @Test
    void movingASegmentIsOneStepUndoneAsAWhole() {
        // [0, 2] to [5, 7]: one field at a time, start 5 would pass the end 2.
        EditStep step = project.edit(a, Map.of(ItemField.START, 5.0, ItemField.END, 7)).orElseThrow();
        assertEquals(2, step.changes().size());
        assertEquals(List.of(5.0, 7.0), List.of(project.item(a).start(), project.item(a).end()));

        project.undo();
        assertEquals(List.of(0.0, 2.0), List.of(project.item(a).start(), project.item(a).end()));
        project.redo();
        assertEquals(List.of(5.0, 7.0), List.of(project.item(a).start(), project.item(a).end()));
    }

    @Test
    void stateAndRatingAreEditedUndoneAndRedone() {
        project.edit(a, ItemField.STATE, ItemState.ACCEPTED);
        project.edit(a, ItemField.RATING, 5);
        project.edit(a, ItemField.RATING, null);
        assertNull(project.item(a).rating());
        project.undo();
        assertEquals(5, project.item(a).rating());
        project.undo();
        assertNull(project.item(a).rating());
        assertEquals(ItemState.ACCEPTED, project.item(a).state());
        project.undo();
        assertEquals(ItemState.UNREVIEWED, project.item(a).state());
        project.redo();
        project.redo();
        assertEquals(ItemState.ACCEPTED, project.item(a).state());
        assertEquals(5, project.item(a).rating());
    }

    @Test
    void invalidValuesAreRefusedAndRecordNothing() {
        IllegalArgumentException rating = assertThrows(IllegalArgumentException.class,
                () -> project.edit(a, ItemField.RATING, 7));
        assertEquals("rating must be a whole number from 1 to 6 (or none), but was 7", rating.getMessage());
        IllegalArgumentException span = assertThrows(IllegalArgumentException.class,
                () -> project.edit(b, ItemField.END, 1.5));
        assertEquals("item " + b + " would end (1.5 s) before it starts (2.0 s); set start and end together to move"
                + " a segment", span.getMessage());
        assertThrows(IllegalArgumentException.class, () -> project.edit(a, ItemField.STATE, "done"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> project.edit(9999, ItemField.SUMMARY, "x"));
        assertEquals("the project has no item 9999", missing.getMessage());
        assertFalse(project.canUndo());
        assertEquals(List.of(), project.auditLog());
    }

    @Test
    void settingTheValueAnItemHasRecordsNoStep() {
        assertEquals(Optional.empty(), project.edit(a, ItemField.SUMMARY, "summary 0"));
        assertEquals(Optional.empty(), project.edit(a, ItemField.START, 0));
        assertFalse(project.canUndo());
    }

    @Test
    void theHistoryOutlivesTheWindow() {
        project.edit(a, ItemField.SUMMARY, "a1");
        project.close();
        project = AnnotationProject.open(file, "Ann");
        assertEquals("a1", summary(a));
        project.undo();
        assertEquals("summary 0", summary(a));
    }
}
