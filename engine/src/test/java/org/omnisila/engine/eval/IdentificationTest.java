package org.omnisila.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentificationTest {
    private static final double EPS = 1e-12;

    /*
     * Four videos. Truth by covered time: a = positive (10 s vs 4 s negative), b = negative, c = negative,
     * d = none (no segment). Predictions: a -> positive (dominant of its kept segments), b -> positive,
     * c -> negative (stated in "identification"), d -> none (its only prediction is below 0.5).
     * Correct: a, c, d -> Acc = 3/4.
     * positive: support 1, predicted 2, correct 1: P = 1/2, R = 1, F2 = (5/2)/(2+1) = 5/6.
     * negative: support 2, predicted 1, correct 1: P = 1, R = 1/2, F2 = (5/2)/(4+1/2) = 5/9.
     * none: support 1, predicted 1, correct 1: F2 = 1.
     * weighted F2 = (1*5/6 + 2*5/9 + 1*1)/4 = (15/18 + 20/18 + 18/18)/4 = 53/72; macro = (5/6+5/9+1)/3 = 43/54.
     */
    @Test
    void accuracyAndF2ByHand() {
        Fixtures f = new Fixtures()
                .truth("a", 0, 10, "positive").truth("a", 10, 14, "negative")
                .truth("b", 0, 5, "negative")
                .truth("c", 0, 5, "negative")
                .video("d")
                .pred("a", 0, 9, "positive", 0.9).pred("a", 1, 8, "negative", 0.95).pred("a", 20, 30, "negative", 0.1)
                .pred("b", 0, 5, "positive", 0.8)
                .pred("c", 0, 5, "positive", 0.8).videoLabel("c", "negative")
                .pred("d", 0, 5, "positive", 0.2);

        Identification.Result r = Identification.evaluate(f.groundTruth(), f.predictions(), 0.5);

        assertEquals(0.75, r.accuracy(), EPS);
        assertEquals(53.0 / 72, r.weightedF2(), EPS);
        assertEquals(43.0 / 54, r.macroF2(), EPS);
        assertEquals(List.of("positive", "negative", "none"),
                r.classes().stream().map(Identification.ClassResult::label).toList());
    }

    /* Overlapping proposals are not counted twice: x covers [0,10] twice (union 10 s), y covers [0,6] and
     * [20,26] (12 s) -> y dominates. */
    @Test
    void dominantLabelUsesTheUnionOfSegments() {
        List<PredictedSegment> segs = List.of(new PredictedSegment(0, 10, "x", 0.9),
                new PredictedSegment(0, 10, "x", 0.9), new PredictedSegment(0, 6, "y", 0.5),
                new PredictedSegment(20, 26, "y", 0.5));
        assertEquals("y", Identification.dominantLabel(segs, PredictedSegment::score));
        assertEquals(Identification.NONE, Identification.dominantLabel(List.<PredictedSegment>of(),
                PredictedSegment::score));
    }

    /* Equal cover: the higher-scored label wins. */
    @Test
    void tiesInCoverGoToTheHigherScore() {
        List<PredictedSegment> segs = List.of(new PredictedSegment(0, 5, "x", 0.6),
                new PredictedSegment(10, 15, "y", 0.7));
        assertEquals("y", Identification.dominantLabel(segs, PredictedSegment::score));
    }
}
