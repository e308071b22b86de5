package org.omnisila.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameLevelTest {
    private static final double EPS = 1e-12;

    /*
     * One video of 10 s sampled at 1 frame/s: frames k = 0..9 stand for times 0.5 .. 9.5.
     * Ground truth: negative [2,6) -> frames 2,3,4,5 (4 frames); positive [8,10) -> frames 8,9.
     * Predictions (threshold 0.5): negative [4,8) score 0.9 -> frames 4,5,6,7; negative [0,1) score 0.3 (below the
     * threshold, ignored); positive [8,9) score 0.6 -> frame 8.
     * negative: TP 2 (4,5), FP 2 (6,7), FN 2 (2,3): P = 1/2, R = 1/2, F2 = 1/2, FNR = 2/4.
     * positive: TP 1, FP 0, FN 1 (9): P = 1, R = 1/2, F2 = 5*1/2/(4+1/2) = 5/9.
     * pooled: TP 3, FP 2, FN 3: P = 3/5, R = 1/2, F2 = 5*(3/10)/(12/5+1/2) = (3/2)/(29/10) = 15/29.
     * macro F2 = (1/2 + 5/9)/2 = 19/36. FNRs (default classes: negative only) = 2/4.
     */
    @Test
    void countsFramesByHand() {
        Fixtures f = new Fixtures().video("v", 10, 1)
                .truth("v", 2, 6, "negative").truth("v", 8, 10, "positive")
                .pred("v", 4, 8, "negative", 0.9).pred("v", 0, 1, "negative", 0.3).pred("v", 8, 9, "positive", 0.6);

        GroundTruth gt = f.groundTruth();
        FrameLevel.Result r = FrameLevel.evaluate(gt, f.predictions(), FrameSampling.videoFps(), 0.5,
                FrameLevel.defaultFnrLabels(gt.labels()));

        FrameLevel.Counts neg = r.classes().get("negative");
        assertEquals(new FrameLevel.Counts(2, 2, 2), neg);
        assertEquals(new FrameLevel.Counts(1, 0, 1), r.classes().get("positive"));
        assertEquals(0.5, neg.f2(), EPS);
        assertEquals(5.0 / 9, r.classes().get("positive").f2(), EPS);
        assertEquals(15.0 / 29, r.microF2(), EPS);
        assertEquals(19.0 / 36, r.macroF2(), EPS);
        assertEquals(List.of("negative"), r.fnrLabels());
        assertEquals(0.5, r.fnr(), EPS);
        assertEquals(10, r.videos().get(0).frames());
    }

    /* A stated rate overrides the video's fps: 10 s at 2 frames/s = 20 frames; [2,6) covers 8 of them. */
    @Test
    void statedRateOverridesVideoFps() {
        Fixtures f = new Fixtures().video("v", 10, 30).truth("v", 2, 6, "Fighting");
        FrameLevel.Result r = FrameLevel.evaluate(f.groundTruth(), f.predictions(), FrameSampling.stated(2), 0.5,
                List.of("Fighting"));
        assertEquals(20, r.videos().get(0).frames());
        assertEquals(new FrameLevel.Counts(0, 0, 8), r.classes().get("Fighting"));
        assertEquals(1.0, r.fnr(), EPS);
    }

    /* Without a duration the video runs to the last end it mentions; without fps, 10 frames/s. */
    @Test
    void unknownDurationAndFpsFallBack() {
        Fixtures f = new Fixtures().truth("v", 0, 3, "x").pred("v", 1, 4, "x", 1.0);
        FrameLevel.Result r = FrameLevel.evaluate(f.groundTruth(), f.predictions(), FrameSampling.videoFps(), 0.5,
                List.of("x"));
        assertEquals(40, r.videos().get(0).frames());
        // truth frames 0..29, predicted 10..39: TP 20, FP 10, FN 10
        assertEquals(new FrameLevel.Counts(20, 10, 10), r.classes().get("x"));
    }

    @Test
    void defaultFnrLabelsAreTheNegativeOnes() {
        assertEquals(List.of("negative"), FrameLevel.defaultFnrLabels(List.of("positive", "negative", "neutral")));
        assertEquals(List.of("Fire", "Theft"), FrameLevel.defaultFnrLabels(List.of("Fire", "Normal", "Theft")));
        assertEquals(List.of("a", "b"), FrameLevel.defaultFnrLabels(List.of("a", "b")));
    }

    @Test
    void noPositiveFrameGivesUndefinedFnr() {
        Fixtures f = new Fixtures().video("v", 5, 1).truth("v", 0, 5, "positive");
        FrameLevel.Result r = FrameLevel.evaluate(f.groundTruth(), f.predictions(), FrameSampling.videoFps(), 0.5,
                List.of("negative"));
        assertTrue(Double.isNaN(r.fnr()));
    }

    @Test
    void frameIndexArithmetic() {
        // duration 10.2 s at 1 frame/s: centres 0.5 .. 9.5 lie before 10.2, 10.5 does not -> 10 frames
        assertEquals(10, FrameSampling.frameCount(10.2, 1));
        assertEquals(11, FrameSampling.frameCount(10.6, 1));
        assertEquals(2, FrameSampling.firstFrameAtOrAfter(2.0, 1));
        assertEquals(3, FrameSampling.firstFrameAtOrAfter(2.6, 1));
    }
}
