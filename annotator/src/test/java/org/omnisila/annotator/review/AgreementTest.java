package org.omnisila.annotator.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Agreement statistics against worked examples that can be checked by hand, and the cases where kappa is undefined. */
class AgreementTest {

    private static Judgement kept(String label, double start, double end) {
        return new Judgement(label, start, end, false);
    }

    /** Two raters, A then B (in this order in the report). */
    private static Map<String, Map<String, Judgement>> raters(Map<String, Judgement> a, Map<String, Judgement> b) {
        Map<String, Map<String, Judgement>> byRater = new LinkedHashMap<>();
        byRater.put("A", a);
        byRater.put("B", b);
        return byRater;
    }

    private static Judgement rejected() {
        return new Judgement("negative", 0, 1, true);
    }

    /**
     * Wikipedia, "Fleiss' kappa", worked example: 10 items, 14 raters, 5 categories; kappa = 0.210 (P = 0.378,
     * Pe = 0.213). Raters are given the categories of each row in turn: Fleiss' kappa does not depend on who gave which.
     */
    @Test
    void fleissKappaOfTheWikipediaExampleIs0210() {
        int[][] table = {
            {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
            {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
        Map<String, Map<String, Judgement>> byRater = new LinkedHashMap<>();
        for (int rater = 0; rater < 14; rater++) {
            byRater.put("r" + rater, new LinkedHashMap<>());
        }
        for (int item = 0; item < table.length; item++) {
            int rater = 0;
            for (int category = 0; category < 5; category++) {
                for (int k = 0; k < table[item][category]; k++) {
                    byRater.get("r" + rater++).put("item" + item, kept("c" + (category + 1), 0, 1));
                }
            }
        }
        Kappa fleiss = Agreement.of(byRater, 10).fleiss();
        assertEquals(0.210, fleiss.value(), 0.0005);
        assertEquals(10, fleiss.items());
        assertEquals("0.210 (10 items)", fleiss.describe());
    }

    /**
     * Wikipedia, "Cohen's kappa", first example: 50 items; both yes 20, A yes B no 5, A no B yes 10, both no 15;
     * p_o = 0.7, p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = 0.4. "Rejected" is one of the two categories here.
     */
    @Test
    void cohensKappaOfTheWikipediaExampleIs04() {
        Map<String, Judgement> a = new LinkedHashMap<>();
        Map<String, Judgement> b = new LinkedHashMap<>();
        int item = 0;
        for (int[] cell : new int[][] {{1, 1, 20}, {1, 0, 5}, {0, 1, 10}, {0, 0, 15}}) {
            for (int k = 0; k < cell[2]; k++, item++) {
                a.put("i" + item, cell[0] == 1 ? kept("positive", 0, 1) : rejected());
                b.put("i" + item, cell[1] == 1 ? kept("positive", 0, 1) : rejected());
            }
        }
        AgreementReport report = Agreement.of(raters(a, b), 100);
        RaterPair pair = report.pairs().get(0);
        assertEquals(0.4, pair.cohen().value(), 1e-12);
        assertEquals(50, pair.items());
        assertEquals(0.4, report.fleiss().value(), 0.05, "Fleiss' kappa of two raters is close to Cohen's");
        assertEquals(15, report.disagreements().size(), "5 + 10 items where one kept what the other rejected");
        assertTrue(report.disagreements().stream().allMatch(Disagreement::labelsDiffer));
    }

    @Test
    void kappaIsUndefinedNotNaNWhenEveryoneChoseOneCategoryOrNothingIsShared() {
        Map<String, Judgement> a = Map.of("i1", kept("negative", 0, 2), "i2", kept("negative", 2, 4));
        Map<String, Judgement> b = Map.of("i1", kept("negative", 0, 2), "i2", kept("negative", 2, 4));
        AgreementReport same = Agreement.of(raters(a, b), 10);
        Kappa cohen = same.pairs().get(0).cohen();
        assertFalse(cohen.defined());
        assertNull(cohen.value());
        assertEquals("undefined: both raters put all 2 items in the one category \"negative\" (full agreement, but"
                + " kappa needs two categories)", cohen.describe());
        assertFalse(same.fleiss().defined());
        assertEquals(1.0, same.meanTiou());
        assertEquals(List.of(), same.disagreements());

        AgreementReport disjoint = Agreement.of(raters(Map.of("i1", kept("x", 0, 1)),
                Map.of("i2", kept("x", 0, 1))), 10);
        assertEquals("undefined: no item was judged by both raters", disjoint.pairs().get(0).cohen().describe());
        assertEquals("undefined: no item was judged by every rater", disjoint.fleiss().describe());
        assertNull(disjoint.meanTiou());

        AgreementReport alone = Agreement.of(new LinkedHashMap<>(Map.of("A", a)), 10);
        assertEquals(List.of(), alone.pairs());
        assertEquals("undefined: needs at least two raters; import another annotator's copy of the project",
                alone.fleiss().describe());
    }

    @Test
    void meanTiouIsOverItemsBothKeptAndDisagreementsComeLabelsFirstThenLowestTiou() {
        Map<String, Judgement> a = new LinkedHashMap<>();
        Map<String, Judgement> b = new LinkedHashMap<>();
        a.put("same", kept("negative", 0, 2));
        b.put("same", kept("negative", 0, 2));          // tIoU 1
        a.put("shifted", kept("negative", 0, 2));
        b.put("shifted", kept("negative", 1, 3));       // tIoU 1 / 3
        a.put("label", kept("negative", 0, 2));
        b.put("label", kept("positive", 0, 1));         // tIoU 1 / 2, other label
        a.put("kept-rejected", kept("negative", 0, 2));
        b.put("kept-rejected", rejected());             // not in the tIoU mean
        a.put("only-a", kept("negative", 0, 2));
        AgreementReport report = Agreement.of(raters(a, b), 10);

        assertEquals((1 + 1.0 / 3 + 0.5) / 3, report.meanTiou(), 1e-12);
        assertEquals(3, report.tiouPairs());
        RaterPair pair = report.pairs().get(0);
        assertEquals(4, pair.items());
        assertEquals(3, pair.keptByBoth());
        // categories A: neg neg neg neg; B: neg neg pos rejected -> p_o = 2/4; p_e = 1 * 2/4 = 0.5 -> kappa 0
        assertEquals(0.0, pair.cohen().value(), 1e-12);

        List<String> order = new ArrayList<>();
        report.disagreements().forEach(d -> order.add(d.itemKey()));
        assertEquals(List.of("label", "kept-rejected", "shifted"), order);
        Disagreement first = report.disagreements().get(0);
        assertEquals(0.5, first.lowestTiou(), 1e-12);
        assertEquals(List.of("A", "B"), List.copyOf(first.judgements().keySet()));
        assertNull(report.disagreements().get(1).lowestTiou(), "one rejected it: no segments to compare");
        assertEquals(List.of("label"), Agreement.of(raters(a, b), 1).disagreements()
                .stream().map(Disagreement::itemKey).toList(), "top limits the list");
    }

    @Test
    void judgementsDisagreeOnLabelVerdictOrSegmentsUnderHalfOverlap() {
        assertFalse(kept("n", 0, 2).disagreesWith(kept("n", 0, 1)), "tIoU 0.5 is agreement");
        assertTrue(kept("n", 0, 2).disagreesWith(kept("n", 0, 0.9)));
        assertTrue(kept("n", 0, 2).disagreesWith(kept("p", 0, 2)));
        assertTrue(kept("n", 0, 2).disagreesWith(rejected()));
        assertFalse(rejected().disagreesWith(new Judgement("p", 5, 6, true)), "two rejections agree");
        assertEquals(1.0, kept("n", 3, 3).tIoU(kept("n", 3, 3)), "the same frame");
        assertEquals(0.0, kept("n", 3, 3).tIoU(kept("n", 4, 4)));
    }
}
