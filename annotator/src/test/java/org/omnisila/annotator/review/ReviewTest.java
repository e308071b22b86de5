package org.omnisila.annotator.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.omnisila.annotator.project.ItemState.ACCEPTED;
import static org.omnisila.annotator.project.ItemState.EDITED;
import static org.omnisila.annotator.project.ItemState.REJECTED;
import static org.omnisila.annotator.project.ItemState.UNREVIEWED;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.AspectStates;
import org.omnisila.annotator.project.AuditEntry;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.engine.api.Scene;

/** The review rules of docs/annotation-guide.md, one by one, on a real project; each call one undoable step. */
class ReviewTest {

    @TempDir
    Path folder;

    private AnnotationProject project;
    private Review review;
    private long item;
    private long other;

    @BeforeEach
    void open() {
        project = AnnotationProject.open(ReviewProjects.create(folder, "review.sila"), "Ann");
        long[] ids = ReviewProjects.addItems(project, "/videos/clip.mp4", 10.0, "negative", "positive");
        item = ids[0];
        other = ids[1];
        review = new Review(project);
    }

    @AfterEach
    void close() {
        project.close();
    }

    private static AspectStates aspects(ItemState face, ItemState action, ItemState object, ItemState background) {
        return new AspectStates(face, action, object, background);
    }

    private static final AspectStates ALL_UNREVIEWED = AspectStates.unreviewed();
    private static final AspectStates ALL_ACCEPTED = aspects(ACCEPTED, ACCEPTED, ACCEPTED, ACCEPTED);

    @Test
    void acceptKeepsTheItemAndAcceptsEveryAspectAndOneUndoTakesItAllBack() {
        Item accepted = review.accept(item);
        assertEquals(ACCEPTED, accepted.state());
        assertEquals(ALL_ACCEPTED, accepted.aspectStates());
        assertEquals(accepted, project.item(item), "what is returned is what is saved");

        project.undo();
        assertEquals(UNREVIEWED, project.item(item).state());
        assertEquals(ALL_UNREVIEWED, project.item(item).aspectStates());
        assertFalse(project.canUndo(), "accept was one step");
    }

    @Test
    void acceptLeavesRejectedAndEditedAspectsAsTheyAre() {
        review.rejectAspect(item, Scene.OBJECT);
        review.editAspect(item, Scene.FACE, "A woman smiles.");
        Item accepted = review.accept(item);
        assertEquals(aspects(EDITED, ACCEPTED, REJECTED, ACCEPTED), accepted.aspectStates());
        assertEquals(EDITED, accepted.state(), "an accepted item with corrections is EDITED");
        assertEquals("A woman smiles.", accepted.aspects().face());
    }

    @Test
    void anEditMakesTheItemEditedAndAcceptAfterEditsKeepsIt() {
        Item edited = review.editAspect(item, Scene.ACTION, "He waves.");
        assertEquals(EDITED, edited.state());
        assertEquals(aspects(UNREVIEWED, EDITED, UNREVIEWED, UNREVIEWED), edited.aspectStates());
        assertEquals(EDITED, review.accept(item).state());

        assertEquals(EDITED, review.setLabel(other, "neutral").state());
        assertEquals("neutral", project.item(other).label());
        assertEquals(UNREVIEWED, project.item(other).aspectStates().face(), "a label edit judges no aspect");
    }

    @Test
    void anAcceptedItemBecomesEditedByAnyCorrectionAndAcceptedAgainWhenItIsTakenBack() {
        review.accept(item);
        assertEquals(EDITED, review.setSummary(item, "A calmer summary.").state());
        assertEquals(ACCEPTED, review.setSummary(item, "summary 0").state(), "back to the imported summary");
        assertEquals(EDITED, review.setSpan(item, 0.5, 2.0).state());
        assertEquals(ACCEPTED, review.setSpan(item, 0.0, 2.0).state());
        assertEquals(EDITED, review.editAspect(item, Scene.BACKGROUND, "A park.").state());
        Item back = review.editAspect(item, Scene.BACKGROUND, "background 0");
        assertEquals(ACCEPTED, back.state());
        assertEquals(ACCEPTED, back.aspectStates().background(), "the imported text again: accepted, not edited");
    }

    @Test
    void rejectingAnAspectCorrectsTheItemUnlessTheItemIsRejected() {
        assertEquals(EDITED, review.rejectAspect(item, Scene.FACE).state(), "unreviewed -> edited");

        review.accept(other);
        Item withoutFace = review.rejectAspect(other, Scene.FACE);
        assertEquals(EDITED, withoutFace.state(), "accepted -> edited: the item is no longer as imported");
        assertEquals(REJECTED, withoutFace.aspectStates().face());
        Item faceBack = review.acceptAspect(other, Scene.FACE);
        assertEquals(ACCEPTED, faceBack.state(), "taking back the only correction");
        assertEquals(ACCEPTED, faceBack.aspectStates().face());

        review.reject(other);
        Item stillRejected = review.rejectAspect(other, Scene.ACTION);
        assertEquals(REJECTED, stillRejected.state());
        assertEquals(REJECTED, stillRejected.aspectStates().action());
    }

    @Test
    void acceptingOneAspectDoesNotReviewTheItem() {
        Item one = review.acceptAspect(item, Scene.FACE);
        assertEquals(UNREVIEWED, one.state());
        assertEquals(aspects(ACCEPTED, UNREVIEWED, UNREVIEWED, UNREVIEWED), one.aspectStates());

        review.editAspect(item, Scene.ACTION, "He runs.");
        assertEquals(EDITED, review.acceptAspect(item, Scene.ACTION).aspectStates().action(),
                "accepting a corrected aspect keeps it EDITED");
    }

    @Test
    void rejectKeepsTheAspectsAndAnEditBringsTheItemBack() {
        review.acceptAspect(item, Scene.FACE);
        Item rejected = review.reject(item);
        assertEquals(REJECTED, rejected.state());
        assertEquals(aspects(ACCEPTED, UNREVIEWED, UNREVIEWED, UNREVIEWED), rejected.aspectStates());

        assertEquals(REJECTED, review.acceptAspect(item, Scene.ACTION).state(), "judging an aspect is not an edit");
        assertEquals(EDITED, review.setLabel(item, "positive").state(), "correcting a rejected item keeps it");
    }

    @Test
    void reopenTakesBackTheVerdictsAndKeepsTheCorrections() {
        review.editAspect(item, Scene.FACE, "A man cries.");
        review.rejectAspect(item, Scene.OBJECT);
        review.accept(item);
        Item reopened = review.reopen(item);
        assertEquals(UNREVIEWED, reopened.state());
        assertEquals(aspects(EDITED, UNREVIEWED, REJECTED, UNREVIEWED), reopened.aspectStates());
        assertEquals("A man cries.", reopened.aspects().face());
        assertEquals(EDITED, review.accept(item).state(), "still corrected");

        review.accept(other);
        assertEquals(ALL_UNREVIEWED, review.reopen(other).aspectStates());
    }

    @Test
    void theSpanIsCheckedAndMovedAsOneStep() {
        assertEquals("the segment would end (1.0 s) before it starts (2.0 s); the end must be at or after the start",
                assertThrows(IllegalArgumentException.class, () -> review.setSpan(item, 2, 1)).getMessage());
        assertEquals("the segment would end at 10.5 s, after the end of the video (/videos/clip.mp4 is 10.0 s"
                + " long); end it at 10.0 s or earlier",
                assertThrows(IllegalArgumentException.class, () -> review.setSpan(item, 9, 10.5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> review.setSpan(item, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> review.setSpan(item, 0, Double.NaN));
        assertFalse(project.canUndo(), "refused values record nothing");

        Item moved = review.setSpan(item, 8, 10);
        assertEquals(List.of(8.0, 10.0), List.of(moved.start(), moved.end()));
        project.undo();
        assertEquals(List.of(0.0, 2.0), List.of(project.item(item).start(), project.item(item).end()));
        assertEquals(UNREVIEWED, project.item(item).state());
        assertFalse(project.canUndo());
    }

    @Test
    void theSpanOfAVideoOfUnknownLengthHasNoUpperBound() {
        long[] ids = ReviewProjects.addItems(project, "/videos/unknown.mp4", null, "neutral");
        assertEquals(500.0, review.setSpan(ids[0], 400, 500).end());
    }

    @Test
    void aRatingIsNotAVerdict() {
        Item rated = review.rate(item, 5);
        assertEquals(5, rated.rating());
        assertEquals(UNREVIEWED, rated.state());
        assertEquals("the rating must be a whole number from 1 to 6 (or none), but was 7",
                assertThrows(IllegalArgumentException.class, () -> review.rate(item, 7)).getMessage());
        assertNull(review.rate(item, null).rating());
    }

    @Test
    void emptyValuesAreRefusedWithWhatToDo() {
        assertEquals("the label must not be empty; reject the item if it shows no sentiment",
                assertThrows(IllegalArgumentException.class, () -> review.setLabel(item, " ")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> review.editAspect(item, Scene.FACE, null));
        assertEquals("the project has no item 999",
                assertThrows(IllegalArgumentException.class, () -> review.accept(999)).getMessage());
    }

    @Test
    void everyCallIsOneStepAndACallThatChangesNothingIsNone() {
        review.accept(item);
        review.accept(item); // nothing to change
        review.editAspect(item, Scene.FACE, "x");
        review.setLabel(item, "neutral");
        review.reject(item);
        int steps = 0;
        while (project.canUndo()) {
            project.undo();
            steps++;
        }
        assertEquals(4, steps);
        Item original = project.item(item);
        assertEquals(UNREVIEWED, original.state());
        assertEquals(ALL_UNREVIEWED, original.aspectStates());
        assertEquals("face 0", original.aspects().face());
        assertEquals("negative", original.label());
    }

    @Test
    void aspectStatesAreAuditedAndAsImportedIgnoresUndoneEdits() {
        review.accept(item);
        List<String> fields = project.auditLog(item).stream().map(AuditEntry::field).sorted().toList();
        assertEquals(List.of("action_state", "background_state", "face_state", "object_state", "state"), fields);

        review.setLabel(item, "neutral");
        review.setLabel(item, "positive");
        assertEquals("negative", project.asImported(item).label());
        assertEquals(ALL_UNREVIEWED, project.asImported(item).aspectStates(), "every field as imported");
        assertEquals(UNREVIEWED, project.asImported(item).state());
        project.undo();
        project.undo();
        review.setSummary(item, "new");
        assertEquals("summary 0", project.asImported(item).summary());
        assertEquals("negative", project.asImported(item).label());
        assertEquals(EDITED, project.item(item).state());
    }
}
