package org.omnisila.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Localisation metrics on cases worked by hand (the working is in each test's comment). */
class LocalizationTest {
    private static final double EPS = 1e-12;

    /*
     * One class "n", one video. Ground truth g1 = [0,10], g2 = [20,30]. Predictions by score:
     *   A [0,10]  0.9  tIoU(g1) = 1           -> TP (takes g1)
     *   B [22,28] 0.8  tIoU(g2) = 6/10 = 0.6  -> TP at 0.1 (takes g2), FP at 0.7
     *   C [1,9]   0.7  tIoU(g1) = 0.8 but g1 is taken; tIoU(g2) = 0 -> FP
     *   D [40,50] 0.6  no overlap             -> FP
     * At tIoU 0.1: TP,TP,FP,FP; precision 1, 1, 2/3, 1/2; recall 1/2, 1, 1, 1.
     *   VOC AP: precision envelope 1 up to recall 1 -> AP = 1/2*1 + 1/2*1 = 1.
     *   TSL-300: P = mean precision = (1 + 1 + 2/3 + 1/2)/4 = 19/24; R = mean recall = (1/2+1+1+1)/4 = 7/8;
     *   F2 = 5PR/(4P+R) = (665/192)/(97/24) = 665/776. Recall = 2/2 = 1.
     * At tIoU 0.7: TP,FP,FP,FP; precision 1, 1/2, 1/3, 1/4; recall 1/2 throughout.
     *   AP = 1/2 * 1 (the step from 1/2 to 1 has envelope precision 0) = 1/2. Recall = 1/2.
     */
    @Test
    void worksTheHandExample() {
        Fixtures f = new Fixtures().truth("v", 0, 10, "n").truth("v", 20, 30, "n")
                .pred("v", 0, 10, "n", 0.9).pred("v", 22, 28, "n", 0.8)
                .pred("v", 1, 9, "n", 0.7).pred("v", 40, 50, "n", 0.6);

        Localization.Result r = Localization.evaluate(f.groundTruth(), f.predictions(), new double[] {0.1, 0.7});

        assertEquals(1.0, r.map()[0], EPS);
        assertEquals(19.0 / 24, r.precision()[0], EPS);
        assertEquals(7.0 / 8, r.recallCurve()[0], EPS);
        assertEquals(665.0 / 776, r.segmentF2()[0], EPS);
        assertEquals(1.0, r.recall()[0], EPS);
        assertEquals(0.5, r.map()[1], EPS);
        assertEquals(0.5, r.recall()[1], EPS);
        assertEquals(0.75, r.averageMap(), EPS);
    }

    /*
     * A video with no prediction still counts its ground truth: same as above plus video "w" with n = [0,5].
     * npos = 3. At tIoU 0.1: TP,TP,FP,FP; recall 1/3, 2/3, 2/3, 2/3; AP = 1/3*1 + 1/3*1 = 2/3; recall 2/3.
     */
    @Test
    void videoWithNoPredictionsLowersRecall() {
        Fixtures f = new Fixtures().truth("v", 0, 10, "n").truth("v", 20, 30, "n").truth("w", 0, 5, "n")
                .pred("v", 0, 10, "n", 0.9).pred("v", 22, 28, "n", 0.8)
                .pred("v", 1, 9, "n", 0.7).pred("v", 40, 50, "n", 0.6);

        Localization.Result r = Localization.evaluate(f.groundTruth(), f.predictions(), new double[] {0.1});

        assertEquals(2.0 / 3, r.map()[0], EPS);
        assertEquals(2.0 / 3, r.recall()[0], EPS);
    }

    /*
     * A prediction overlapping two ground truths equally: g1 = [0,10], g2 = [10,20];
     *   P1 [5,15] 0.9: tIoU 5/15 = 1/3 with both. The reference takes the later one (argsort()[::-1]): g2.
     *   P2 [0,10] 0.8: tIoU(g1) = 1 -> TP.
     * At 0.3: TP,TP -> AP 1.  At 0.4: P1 is below -> FP; P2 TP: precision 0, 1/2; recall 0, 1/2.
     *   envelope: 1/2 at recall 1/2 -> AP = 1/2 * 1/2 = 1/4.
     * If P1 had taken g1 instead, a third prediction P3 [10,20] 0.7 would be TP; since it took g2, P3 is FP at
     * 0.3: TP,TP,FP -> precision 1,1,2/3, recall 1/2,1,1 -> AP still 1, but P = (1+1+2/3)/3 = 8/9.
     */
    @Test
    void predictionOverlappingTwoGroundTruthsTakesTheLaterOnTies() {
        Fixtures f = new Fixtures().truth("v", 0, 10, "x").truth("v", 10, 20, "x")
                .pred("v", 5, 15, "x", 0.9).pred("v", 0, 10, "x", 0.8).pred("v", 10, 20, "x", 0.7);

        Localization.Result r = Localization.evaluate(f.groundTruth(), f.predictions(), new double[] {0.3});

        assertEquals(1.0, r.map()[0], EPS);
        assertEquals(8.0 / 9, r.precision()[0], EPS);
    }

    /*
     * Ties in score: ground truth x = [0,10]; predictions in file order: Q1 [0,10] 0.5 (would match), Q2 [50,60]
     * 0.5 (no overlap). The reference ranks the later one first: FP, TP -> precision 0, 1/2; recall 0, 1;
     * envelope 1/2 -> AP = 1/2. (Ranking Q1 first would give AP 1.)
     */
    @Test
    void tiesInScoreRankTheLaterPredictionFirst() {
        Fixtures f = new Fixtures().truth("v", 0, 10, "x")
                .pred("v", 0, 10, "x", 0.5).pred("v", 50, 60, "x", 0.5);

        Localization.Result r = Localization.evaluate(f.groundTruth(), f.predictions(), new double[] {0.5});

        assertEquals(0.5, r.map()[0], EPS);
    }

    /*
     * A class with ground truth but no prediction gets AP 0 and still counts in the mean; a predicted label with
     * no ground truth is not a class: x = [0,10] predicted exactly (AP 1), y = [20,30] never predicted (AP 0),
     * z predicted but absent from the ground truth -> mAP = (1 + 0)/2 = 1/2 over classes [x, y].
     */
    @Test
    void classesComeFromTheGroundTruth() {
        Fixtures f = new Fixtures().truth("v", 0, 10, "x").truth("v", 20, 30, "y")
                .pred("v", 0, 10, "x", 0.9).pred("v", 20, 30, "z", 0.9);

        Localization.Result r = Localization.evaluate(f.groundTruth(), f.predictions(), new double[] {0.5});

        assertEquals(List.of("x", "y"), r.classes().stream().map(Localization.ClassResult::label).toList());
        assertEquals(0.5, r.map()[0], EPS);
        assertEquals(0.0, Localization.byLabel(r).get("y").ap()[0], EPS);
    }

    /* A prediction for a video absent from the ground truth is a false positive, as in the reference:
     * x = [0,10] in v; predictions: "ghost" [0,10] 0.9 (FP), v [0,10] 0.8 (TP): precision 0, 1/2; AP = 1/2. */
    @Test
    void predictionForUnknownVideoIsAFalsePositive() {
        Fixtures f = new Fixtures().truth("v", 0, 10, "x")
                .pred("ghost", 0, 10, "x", 0.9).pred("v", 0, 10, "x", 0.8);

        Localization.Result r = Localization.evaluate(f.groundTruth(), f.predictions(), new double[] {0.5});

        assertEquals(0.5, r.map()[0], EPS);
    }

    @Test
    void temporalIouOfDisjointTouchingAndNestedSpans() {
        assertEquals(0.0, TimeSpan.tiou(0, 1, 2, 3), EPS);
        assertEquals(0.0, TimeSpan.tiou(0, 1, 1, 2), EPS);
        assertEquals(0.5, TimeSpan.tiou(0, 10, 0, 5), EPS);
        assertEquals(1.0 / 3, TimeSpan.tiou(0, 10, 5, 15), EPS);
        assertEquals(0.0, TimeSpan.tiou(3, 3, 3, 3), EPS);
    }

    /* VOC-2011 AP by hand: precision 1, 0.5, 2/3 at recall 1/3, 1/3, 2/3: envelope 1 on (0,1/3], 2/3 on
     * (1/3,2/3], 0 on (2/3,1] -> AP = 1/3 + 2/9 = 5/9. */
    @Test
    void interpolatedAveragePrecision() {
        assertEquals(5.0 / 9, AveragePrecision.interpolated(new double[] {1, 0.5, 2.0 / 3},
                new double[] {1.0 / 3, 1.0 / 3, 2.0 / 3}), EPS);
        assertEquals(0.0, AveragePrecision.interpolated(new double[0], new double[0]), EPS);
    }

    @Test
    void fBetaIsZeroWithoutPrecisionAndRecall() {
        assertEquals(0.0, Localization.fBeta(0, 0, 2), EPS);
        // P = 1/2, R = 1: 5 * 1/2 / (2 + 1) = 5/6
        assertEquals(5.0 / 6, Localization.fBeta(0.5, 1, 2), EPS);
    }
}
