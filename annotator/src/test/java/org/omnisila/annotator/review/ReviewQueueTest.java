package org.omnisila.annotator.review;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.review.QueueQuery.Order;
import org.omnisila.annotator.review.QueueQuery.Show;

/** The queue's filters, orders and counts, worked out by SQLite, checked item by item. */
class ReviewQueueTest {

    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

    @TempDir
    Path folder;

    @Test
    void filtersByStateLabelVideoAndConfidence() {
        try (AnnotationProject project = AnnotationProject.open(ReviewProjects.create(folder, "q.sila"), "Ann")) {
            long[] a = ReviewProjects.addItems(project, "/videos/a.mp4", null,
                    new String[] {"negative", "positive", "negative", "neutral"}, new Double[] {0.9, 0.3, null, null});
            long[] b = ReviewProjects.addItems(project, "/videos/b.mp4", null, "negative", "positive");
            Review review = new Review(project);
            review.reject(a[1]);
            review.accept(b[0]);
            ModelOpinions opinions = new ModelOpinions(project);
            opinions.record(a[0], new ModelOpinion("ICM", "positive", 0.2, AT)); // overrides the item's 0.9
            opinions.record(a[3], new ModelOpinion("ICM", "neutral", 0.7, AT));
            opinions.record(a[3], new ModelOpinion("other", "neutral", 0.45, AT.plusSeconds(1))); // the latest
            ReviewQueue queue = new ReviewQueue(project);
            QueueQuery all = QueueQuery.all();

            assertArrayEquals(new long[] {a[0], a[1], a[2], a[3], b[0], b[1]}, queue.ids(all));
            assertArrayEquals(new long[] {a[0], a[2], a[3], b[1]}, queue.ids(all.withShow(Show.UNREVIEWED)));
            assertArrayEquals(new long[] {a[1]}, queue.ids(all.withShow(Show.REJECTED)));
            assertArrayEquals(new long[] {a[0], a[2], b[0]}, queue.ids(all.withLabel("negative")));
            assertArrayEquals(new long[] {b[1]}, queue.ids(all.withShow(Show.UNREVIEWED)
                    .withVideo(project.item(b[0]).videoId())));
            // confidences: a0 0.2 (opinion), a1 0.3 (score), a2 none, a3 0.45 (latest opinion), b0 b1 none
            assertArrayEquals(new long[] {a[0], a[1], a[3]}, queue.ids(all.withShow(Show.LOW_CONFIDENCE)));
            assertArrayEquals(new long[] {a[0]}, queue.ids(all.withShow(Show.LOW_CONFIDENCE)
                    .withLowConfidenceBelow(0.25)));
            assertArrayEquals(new long[] {a[0], a[1], a[3], a[2], b[0], b[1]},
                    queue.ids(all.withOrder(Order.MODEL_UNCERTAINTY)), "most uncertain first, none last");

            List<Item> page = queue.items(all.withOrder(Order.MODEL_UNCERTAINTY), 1, 2);
            assertEquals(List.of(a[1], a[3]), page.stream().map(Item::id).toList());
            assertEquals(project.item(a[1]), page.get(0), "the queue's items are the project's");
            assertEquals(List.of(), queue.items(all, 6, 10));
            assertThrows(IllegalArgumentException.class, () -> queue.items(all, -1, 10));
            assertThrows(IllegalArgumentException.class, () -> all.withLowConfidenceBelow(0));

            assertEquals(Map.of(Show.ALL, 6, Show.UNREVIEWED, 4, Show.REJECTED, 1, Show.DISAGREEMENT, 0,
                    Show.LOW_CONFIDENCE, 3), queue.counts());
            assertEquals(Map.of(Show.ALL, 3, Show.UNREVIEWED, 2, Show.REJECTED, 0, Show.DISAGREEMENT, 0,
                    Show.LOW_CONFIDENCE, 1), queue.counts(all.withLabel("negative").withShow(Show.REJECTED)),
                    "counts take the label, not the show");
        }
    }

    /**
     * Ann and Bob review copies of the same items; item i spans [2i, 2i + 2]. The disagreement filter must keep
     * exactly the items {@link Judgement#disagreesWith} says, and agreement of the project must say what was worked
     * out by hand.
     */
    @Test
    void disagreementFollowsTheJudgementRuleAndAgreementOfTheProjectComparesWithEveryPeer() throws IOException {
        Path ann = ReviewProjects.create(folder, "ann.sila");
        long[] ids;
        try (AnnotationProject project = AnnotationProject.open(ann, "Ann")) {
            ids = ReviewProjects.addItems(project, "/videos/a.mp4", null, "negative", "negative", "negative",
                    "negative", "negative", "negative", "negative", "negative");
        }
        Path bob = Files.copy(ann, folder.resolve("bob.sila"));
        try (AnnotationProject project = AnnotationProject.open(bob, "Bob")) {
            Review review = new Review(project);
            review.accept(ids[0]);
            review.reject(ids[1]);
            review.setLabel(ids[2], "positive");
            review.reject(ids[2]);
            review.accept(ids[3]);
            review.setSpan(ids[4], 8.0, 9.0);   // tIoU with [8, 10]: 0.5, agreement
            review.setSpan(ids[5], 10.0, 10.9); // tIoU with [10, 12]: 0.45, disagreement
            review.reject(ids[6]);
        }
        try (AnnotationProject project = AnnotationProject.open(ann, "Ann")) {
            Review review = new Review(project);
            review.accept(ids[0]);
            review.accept(ids[1]);
            review.reject(ids[2]);
            review.setLabel(ids[3], "positive");
            review.accept(ids[4]);
            review.accept(ids[5]);
            review.accept(ids[7]); // Bob left it unreviewed; item 6 Ann has not reviewed
            assertEquals(7, new PeerReviews(project).importFrom(bob).total());
            ReviewQueue queue = new ReviewQueue(project);

            assertArrayEquals(new long[] {ids[1], ids[3], ids[5]}, queue.ids(QueueQuery.all()
                    .withShow(Show.DISAGREEMENT)));
            assertEquals(3, queue.counts().get(Show.DISAGREEMENT));
            List<PeerReview> peers = new PeerReviews(project).all();
            for (long id : ids) {
                Item item = project.item(id);
                boolean expected = item.state() != org.omnisila.annotator.project.ItemState.UNREVIEWED
                        && peers.stream().filter(p -> p.originKey().equals(item.originKey())).anyMatch(p ->
                        p.judgement().disagreesWith(new Judgement(item.label(), item.start(), item.end(),
                                item.state() == org.omnisila.annotator.project.ItemState.REJECTED)));
                assertEquals(expected, Arrays.stream(queue.ids(QueueQuery.all().withShow(Show.DISAGREEMENT)))
                        .anyMatch(x -> x == id), "item " + id + ": SQL and Judgement.disagreesWith agree");
            }

            AgreementReport report = Agreement.ofProject(project);
            assertEquals(List.of("Ann", "Bob"), report.raters());
            RaterPair pair = report.pairs().get(0);
            assertEquals(6, pair.items(), "items 0-5: Ann left 6 unreviewed, Bob 7");
            // Ann: neg neg rej pos neg neg; Bob: neg rej rej neg neg neg -> p_o = 4/6, p_e = 16/36 + 2/36 = 1/2
            assertEquals(1.0 / 3, pair.cohen().value(), 1e-12);
            assertEquals((1 + 1 + 0.5 + 0.45) / 4, report.meanTiou(), 1e-12);
            assertEquals(List.of(ids[3], ids[1], ids[5], ids[4]),
                    report.disagreements().stream().map(Disagreement::itemId).toList());
        }
    }
}
