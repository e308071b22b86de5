package org.omnisila.annotator.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.annotator.project.ProjectException;

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
