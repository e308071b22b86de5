package org.omnisila.annotator.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.omnisila.annotator.review.Agreement;
import org.omnisila.annotator.review.Judgement;

/** The card's agreement sentences, on a worked example. */
class AgreementSummaryTest {

    private static Judgement j(String label) {
        return new Judgement(label, 2.0, 4.0, false);
    }

    @Test
    void twoRatersGiveCohenFleissAndTiouWorkedOutByHand() {
        // Ann: pos pos neg neg; Bob: pos neg neg neg. Cohen: po = 3/4, pe = .5 * .25 + .5 * .75 = .5, kappa = .5.
        // Fleiss: P = (1 + 0 + 1 + 1) / 4 = .75, p_pos = 3/8, pe = 9/64 + 25/64, kappa = .21875 / .46875 = .467.
        Map<String, Map<String, Judgement>> judgements = new TreeMap<>(Map.of(
                "Ann", Map.of("a", j("positive"), "b", j("positive"), "c", j("negative"), "d", j("negative")),
                "Bob", Map.of("a", j("positive"), "b", j("negative"), "c", j("negative"), "d", j("negative"))));
        assertEquals("Raters: Ann, Bob. Cohen's kappa, Ann vs Bob: 0.500 (4 items). Fleiss' kappa: 0.467 (4 items)."
                + " Mean tIoU of segments: 1.000 (4 comparisons).",
                AgreementSummary.of(Agreement.of(judgements, 0)));
    }

    @Test
    void oneRaterGivesNoSummary() {
        assertNull(AgreementSummary.of(Agreement.of(Map.of("Ann", Map.of("a", j("positive"))), 0)));
    }
}
