package org.omnisila.annotator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Supplier;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Aspects;
import org.omnisila.annotator.project.ImportBatch;
import org.omnisila.annotator.project.ImportKind;
import org.omnisila.annotator.project.ItemSource;
import org.omnisila.annotator.project.NewItem;
import org.omnisila.annotator.review.Agreement;
import org.omnisila.annotator.review.QueueQuery;
import org.omnisila.annotator.review.QueueQuery.Order;
import org.omnisila.annotator.review.QueueQuery.Show;
import org.omnisila.annotator.review.Review;
import org.omnisila.annotator.review.ReviewQueue;

/**
 * How fast the review queue answers on a large project: 100,000 items over 100 videos, a fifth reviewed, a third with
 * a model opinion, a fifth judged by a peer (a tenth of those otherwise). Times each query of the queue (median of
 * several runs), one review action, and agreement of the whole project.
 *
 * <pre>
 * java -cp CLASSPATH org.omnisila.annotator.bench.ReviewQueueBenchmark [--items 100000] [--runs 5]
 * </pre>
 *
 * <p>The reviewed states, opinions and peer judgements are written straight into the tables in one transaction: the
 * benchmark measures reading the queue, and 20,000 review actions one by one (an fsync each) would take minutes.
 */
public final class ReviewQueueBenchmark {

    private static final int VIDEOS = 100;
    private static final String[] LABELS = {"negative", "positive", "neutral"};

    private ReviewQueueBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int items = intOption(args, "--items", 100_000);
        int runs = intOption(args, "--runs", 5);
        Path dir = Files.createTempDirectory("omnisila-review-bench");
        try {
            run(dir.resolve("bench.sila"), items, runs);
        } finally {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void run(Path file, int items, int runs) {
        AnnotationProject.create(file, "benchmark");
        try (AnnotationProject project = AnnotationProject.open(file, "benchmark")) {
            long t0 = System.nanoTime();
            fill(project, items);
            System.out.printf(Locale.ROOT, "Review queue benchmark: %,d items over %d videos (set up in %.1f s);"
                    + " median of %d runs%n%n", items, VIDEOS, (System.nanoTime() - t0) / 1e9, runs);
            ReviewQueue queue = new ReviewQueue(project);
            QueueQuery all = QueueQuery.all();
            time("counts() (the five filter chips)", runs, () -> queue.counts().toString());
            time("ids: all, video time", runs, () -> queue.ids(all).length + " ids");
            time("ids: unreviewed", runs, () -> queue.ids(all.withShow(Show.UNREVIEWED)).length + " ids");
            time("ids: disagreement", runs, () -> queue.ids(all.withShow(Show.DISAGREEMENT)).length + " ids");
            time("ids: low confidence (< 0.5)", runs, () -> queue.ids(all.withShow(Show.LOW_CONFIDENCE)).length
                    + " ids");
            time("ids: label 'neutral', by model uncertainty", runs,
                    () -> queue.ids(all.withLabel("neutral").withOrder(Order.MODEL_UNCERTAINTY)).length + " ids");
            time("ids: all, by model uncertainty", runs,
                    () -> queue.ids(all.withOrder(Order.MODEL_UNCERTAINTY)).length + " ids");
            time("items: first page of 100, by uncertainty", runs,
                    () -> queue.items(all.withOrder(Order.MODEL_UNCERTAINTY), 0, 100).size() + " items");
            time("items: every item, video time", runs, () -> queue.items(all).size() + " items");
            long[] ids = queue.ids(all.withShow(Show.UNREVIEWED));
            Review review = new Review(project);
            int[] next = {0};
            time("Review.accept (one step, saved)", runs, () -> review.accept(ids[next[0]++]).state().dbName());
            time("Agreement.ofProject (2 raters)", runs,
                    () -> Agreement.ofProject(project).pairs().get(0).cohen().describe());
        }
    }

    /** Items, then states, opinions and peer judgements written straight into the tables (see the class comment). */
    private static void fill(AnnotationProject project, int items) {
        try (ImportBatch batch = project.beginImport(ImportKind.ATTRIBUTIONS, Path.of("bench.jsonl"))) {
            long[] videos = new long[VIDEOS];
            for (int v = 0; v < VIDEOS; v++) {
                videos[v] = batch.video("/videos/clip_" + v + ".mp4", null, 2.0 * (items / VIDEOS + 1));
            }
            for (int i = 0; i < items; i++) {
                double start = 2.0 * (i / VIDEOS);
                boolean predicted = i % 3 == 0;
                batch.add(new NewItem(videos[i % VIDEOS], start, start + 2, null, LABELS[i % LABELS.length],
                        new Aspects("face " + i, "action", "object", "background"), "summary " + i,
                        predicted ? ItemSource.PREDICTION : ItemSource.ATTRIBUTION, "gpt-4-vision-preview",
                        "2024-02-15", predicted ? (i % 100) / 100.0 : null));
            }
            batch.finish(0);
        }
        project.writeTables("set up the benchmark", db -> {
            db.update("UPDATE items SET state = CASE WHEN id % 20 = 0 THEN 'rejected' ELSE 'accepted' END"
                    + " WHERE id % 5 = 0");
            db.update("INSERT INTO model_opinions (item_id, model, label, confidence, at) SELECT id, 'ICM', label,"
                    + " (id * 37 % 100) / 100.0, '2026-03-01T09:00:00.000Z' FROM items WHERE id % 3 = 1");
            db.update("INSERT INTO peer_reviews (origin_key, annotator, from_file, label, start_s, end_s, state,"
                    + " rating, imported_at) SELECT origin_key, 'Bob', '/bob.sila',"
                    + " CASE WHEN id % 50 = 0 THEN 'positive' ELSE label END, start_s,"
                    + " CASE WHEN id % 50 = 10 THEN start_s + 0.5 ELSE end_s END, 'accepted', NULL,"
                    + " '2026-03-01T09:00:00.000Z' FROM items WHERE id % 5 = 0");
            return null;
        });
    }

    private static void time(String step, int runs, Supplier<String> work) {
        double[] ms = new double[runs];
        String result = "";
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            result = work.get();
            ms[r] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-44s %9.1f ms  (min %.1f, max %.1f)  %s%n", step, ms[runs / 2], ms[0],
                ms[runs - 1], result.length() > 90 ? result.substring(0, 90) + "..." : result);
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
