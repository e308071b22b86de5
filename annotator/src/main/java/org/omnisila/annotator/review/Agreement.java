package org.omnisila.annotator.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.omnisila.annotator.project.AnnotationProject;

/**
 * Agreement between raters who judged the same items (docs/annotation-guide.md, "Agreement"): Cohen's kappa for
 * each pair of raters, Fleiss' kappa for all of them, both on categories (the label of a kept item, "rejected" for a
 * rejected one); the mean tIoU of their segments over items both kept; and the items that disagree most. A kappa
 * that cannot be computed (no common items, a single rater, every judgement in one category) says why instead of
 * being NaN.
 */
public final class Agreement {

    /** How many disagreements a report lists unless told otherwise. */
    public static final int DEFAULT_TOP = 10;

    /** A tIoU below this counts as a segment disagreement when listing items (1 up to rounding). */
    private static final double SAME_SEGMENT = 1 - 1e-9;

    private Agreement() {
    }

    /**
     * The agreement of raters' judgements.
     *
     * @param byRater each rater's judgements, by item key; the map's order is the order of raters in the report
     * @param top     how many disagreements to list at most; 0 or more
     */
    public static AgreementReport of(Map<String, Map<String, Judgement>> byRater, int top) {
        if (top < 0) {
            throw new IllegalArgumentException("the number of disagreements to list must be 0 or more, but was "
                    + top);
        }
        List<String> raters = new ArrayList<>(byRater.keySet());
        List<RaterPair> pairs = new ArrayList<>();
        double tiouSum = 0;
        int tiouCount = 0;
        for (int a = 0; a < raters.size(); a++) {
            for (int b = a + 1; b < raters.size(); b++) {
                RaterPair pair = pair(raters.get(a), byRater.get(raters.get(a)), raters.get(b),
                        byRater.get(raters.get(b)));
                pairs.add(pair);
                if (pair.meanTiou() != null) {
                    tiouSum += pair.meanTiou() * pair.keptByBoth();
                    tiouCount += pair.keptByBoth();
                }
            }
        }
        return new AgreementReport(raters, pairs, fleiss(raters, byRater),
                tiouCount == 0 ? null : tiouSum / tiouCount, tiouCount, disagreements(raters, byRater, top));
    }

    /**
     * The agreement of a project's own judgements (its reviewed items, under the name of the annotator who made most
     * of its review decisions, else of the one who opened it; "NAME (this project)" if a peer has that name) with
     * those of every imported peer ({@link PeerReviews}); items are known by their origin key.
     *
     * @param top how many disagreements to list at most
     */
    public static AgreementReport ofProject(AnnotationProject project, int top) {
        Map<String, Judgement> own = new TreeMap<>();
        project.readTables("read the project's judgements", db -> db.query("SELECT origin_key, label, start_s, end_s,"
                + " state FROM items WHERE state <> 'unreviewed'", r -> Map.entry(r.getString(1), new Judgement(
                        r.getString(2), r.getDouble(3), r.getDouble(4), "rejected".equals(r.getString(5))))))
                .forEach(judgement -> own.put(judgement.getKey(), judgement.getValue()));
        Map<String, Map<String, Judgement>> peers = new TreeMap<>();
        for (PeerReview review : new PeerReviews(project).all()) {
            peers.computeIfAbsent(review.annotator(), a -> new TreeMap<>()).put(review.originKey(),
                    review.judgement());
        }
        String self = reviewer(project);
        if (peers.containsKey(self)) {
            self = self + " (this project)";
        }
        Map<String, Map<String, Judgement>> byRater = new LinkedHashMap<>();
        byRater.put(self, own);
        byRater.putAll(peers);
        AgreementReport report = of(byRater, top);
        List<Disagreement> withIds = new ArrayList<>();
        for (Disagreement d : report.disagreements()) {
            Long id = project.readTables("find an item by its origin", db -> db.first(
                    "SELECT id FROM items WHERE origin_key = ?", r -> r.getLong(1), d.itemKey()).orElse(null));
            withIds.add(new Disagreement(d.itemKey(), id, d.judgements(), d.categories(), d.lowestTiou()));
        }
        return new AgreementReport(report.raters(), report.pairs(), report.fleiss(), report.meanTiou(),
                report.tiouPairs(), withIds);
    }

    /** Who made most of the project's review decisions (changes of an item's state), else who opened it. */
    private static String reviewer(AnnotationProject project) {
        return project.readTables("read who reviewed the project", db -> db.first("SELECT s.annotator FROM audit a"
                + " JOIN sessions s ON s.id = a.session_id WHERE a.field = 'state' GROUP BY s.annotator"
                + " ORDER BY COUNT(*) DESC, s.annotator LIMIT 1", r -> r.getString(1)))
                .orElse(project.session().annotator());
    }

    /** {@link #ofProject(AnnotationProject, int)} listing {@value #DEFAULT_TOP} disagreements. */
    public static AgreementReport ofProject(AnnotationProject project) {
        return ofProject(project, DEFAULT_TOP);
    }

    /** Cohen's kappa and mean tIoU of two raters over the items both judged. */
    static RaterPair pair(String nameA, Map<String, Judgement> a, String nameB, Map<String, Judgement> b) {
        List<String> a1 = new ArrayList<>();
        List<String> b1 = new ArrayList<>();
        double tiou = 0;
        int kept = 0;
        for (Map.Entry<String, Judgement> item : new TreeMap<>(a).entrySet()) {
            Judgement other = b.get(item.getKey());
            if (other == null) {
                continue;
            }
            a1.add(item.getValue().category());
            b1.add(other.category());
            if (!item.getValue().rejected() && !other.rejected()) {
                tiou += item.getValue().tIoU(other);
                kept++;
            }
        }
        return new RaterPair(nameA, nameB, a1.size(), cohen(a1, b1), kept, kept == 0 ? null : tiou / kept);
    }

    /**
     * Cohen's kappa of two raters' categories for the same items (element i of each list is item i):
     * (p_o - p_e) / (1 - p_e), p_o the share of items they put in the same category, p_e the share expected by
     * chance from each rater's own category frequencies.
     */
    static Kappa cohen(List<String> a, List<String> b) {
        int n = a.size();
        if (n == 0) {
            return Kappa.undefined(0, "no item was judged by both raters");
        }
        Map<String, Integer> countA = new HashMap<>();
        Map<String, Integer> countB = new HashMap<>();
        int same = 0;
        for (int i = 0; i < n; i++) {
            countA.merge(a.get(i), 1, Integer::sum);
            countB.merge(b.get(i), 1, Integer::sum);
            if (a.get(i).equals(b.get(i))) {
                same++;
            }
        }
        Set<String> categories = new TreeSet<>(countA.keySet());
        categories.addAll(countB.keySet());
        if (categories.size() == 1) {
            return Kappa.undefined(n, "both raters put all " + n + " items in the one category \""
                    + categories.iterator().next() + "\" (full agreement, but kappa needs two categories)");
        }
        double observed = (double) same / n;
        double chance = 0;
        for (String category : categories) {
            chance += (double) countA.getOrDefault(category, 0) / n * countB.getOrDefault(category, 0) / n;
        }
        if (chance >= 1) { // cannot happen with two categories; kept so that no NaN can ever come out
            return Kappa.undefined(n, "chance agreement is 1");
        }
        return Kappa.of((observed - chance) / (1 - chance), n);
    }

    /** Fleiss' kappa over the items every rater judged. */
    private static Kappa fleiss(List<String> raters, Map<String, Map<String, Judgement>> byRater) {
        if (raters.size() < 2) {
            return Kappa.undefined(0, "needs at least two raters" + (raters.isEmpty() ? ""
                    : "; import another annotator's copy of the project"));
        }
        Set<String> common = new TreeSet<>(byRater.get(raters.get(0)).keySet());
        for (String rater : raters) {
            common.retainAll(byRater.get(rater).keySet());
        }
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (String item : common) {
            Map<String, Integer> row = new HashMap<>();
            for (String rater : raters) {
                row.merge(byRater.get(rater).get(item).category(), 1, Integer::sum);
            }
            counts.add(row);
        }
        return fleiss(counts, raters.size());
    }

    /**
     * Fleiss' kappa from, for each item, how many raters put it in each category (every item rated by the same
     * number of raters): (P - Pe) / (1 - Pe), P the mean per-item agreement, Pe the sum of the squared overall
     * category shares.
     *
     * @param counts per item, category to number of raters
     * @param raters raters per item; at least 2
     */
    static Kappa fleiss(List<Map<String, Integer>> counts, int raters) {
        int n = counts.size();
        if (n == 0) {
            return Kappa.undefined(0, "no item was judged by every rater");
        }
        Map<String, Double> share = new TreeMap<>();
        double meanAgreement = 0;
        for (Map<String, Integer> row : counts) {
            double squares = 0;
            int total = 0;
            for (Map.Entry<String, Integer> cell : row.entrySet()) {
                squares += (double) cell.getValue() * cell.getValue();
                total += cell.getValue();
                share.merge(cell.getKey(), (double) cell.getValue(), Double::sum);
            }
            if (total != raters) {
                throw new IllegalArgumentException("every item must be rated by " + raters + " raters, but one was"
                        + " rated by " + total);
            }
            meanAgreement += (squares - raters) / ((double) raters * (raters - 1));
        }
        meanAgreement /= n;
        if (share.size() == 1) {
            return Kappa.undefined(n, "every rater put all " + n + " items in the one category \""
                    + share.keySet().iterator().next() + "\" (full agreement, but kappa needs two categories)");
        }
        double chance = 0;
        for (double s : share.values()) {
            double p = s / ((double) n * raters);
            chance += p * p;
        }
        return Kappa.of((meanAgreement - chance) / (1 - chance), n);
    }

    /** The items two or more raters judged differently, most first, at most top of them. */
    private static List<Disagreement> disagreements(List<String> raters, Map<String, Map<String, Judgement>> byRater,
                                                    int top) {
        Set<String> items = new TreeSet<>();
        byRater.values().forEach(judgements -> items.addAll(judgements.keySet()));
        List<Disagreement> found = new ArrayList<>();
        for (String item : items) {
            Map<String, Judgement> judgements = new LinkedHashMap<>();
            for (String rater : raters) {
                Judgement judgement = byRater.get(rater).get(item);
                if (judgement != null) {
                    judgements.put(rater, judgement);
                }
            }
            if (judgements.size() < 2) {
                continue;
            }
            Set<String> categories = new TreeSet<>();
            judgements.values().forEach(j -> categories.add(j.category()));
            Double lowest = lowestTiou(new ArrayList<>(judgements.values()));
            if (categories.size() > 1 || (lowest != null && lowest < SAME_SEGMENT)) {
                found.add(new Disagreement(item, null, judgements, categories.size(), lowest));
            }
        }
        found.sort(Comparator.comparingInt(Disagreement::categories).reversed()
                .thenComparing(d -> d.lowestTiou() == null ? 2.0 : d.lowestTiou())
                .thenComparing(Disagreement::itemKey));
        return found.subList(0, Math.min(top, found.size()));
    }

    private static Double lowestTiou(List<Judgement> judgements) {
        Double lowest = null;
        for (int a = 0; a < judgements.size(); a++) {
            for (int b = a + 1; b < judgements.size(); b++) {
                Judgement x = judgements.get(a);
                Judgement y = judgements.get(b);
                if (!x.rejected() && !y.rejected()) {
                    double t = x.tIoU(y);
                    lowest = lowest == null ? t : Math.min(lowest, t);
                }
            }
        }
        return lowest;
    }
}
