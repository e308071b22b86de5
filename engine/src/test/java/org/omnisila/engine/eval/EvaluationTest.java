package org.omnisila.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    private static final EvalOptions OPTIONS = new EvalOptions("test", new double[] {0.5}, FrameSampling.stated(1),
            0.5, null);

    @Test
    void warnsWhereTheReferenceGoesOnOrStops() {
        Fixtures f = new Fixtures().truth("v", 0, 10, "x").truth("v", 20, 30, "y").video("silent")
                .pred("v", 0, 10, "x", 0.9).pred("ghost", 0, 5, "x", 0.9).pred("v", 0, 5, "neutral", 0.4);

        EvalReport r = Evaluation.run(f.groundTruth(), f.predictions(), OPTIONS, null, new Diagnostics());

        List<String> w = r.warnings().stream().map(Diagnostic::message).toList();
        assertEquals(4, w.size(), w::toString);
        assertTrue(w.get(0).startsWith("1 predicted segments for 1 videos not in the ground truth (ghost)"), w.get(0));
        assertTrue(w.get(1).startsWith("1 of 2 evaluated videos have no predicted segment"), w.get(1));
        assertTrue(w.get(2).contains("not a class of the ground truth [x, y]"), w.get(2));
        assertTrue(w.get(3).contains("no predicted segment of this class"), w.get(3));
    }

    @Test
    void perVideoScoresAreAlignedWithTheVideos() {
        // v: x = [0,10] matched exactly; w: x = [0,10] predicted as [5,10] (tIoU 1/2), identified correctly.
        Fixtures f = new Fixtures().video("v", 10, 1).video("w", 10, 1).truth("v", 0, 10, "x").truth("w", 0, 10, "x")
                .pred("v", 0, 10, "x", 0.9).pred("w", 5, 10, "x", 0.9);

        EvalReport r = Evaluation.run(f.groundTruth(), f.predictions(), OPTIONS, null, new Diagnostics());

        assertEquals(List.of("v", "w"), r.videoIds());
        assertEquals(List.of(1.0, 0.5), box(r.perVideo().get("best tIoU")));
        assertEquals(List.of(1.0, 1.0), box(r.perVideo().get("identification correct")));
        // w: frames 0..9, truth all 10, predicted 5..9: FN 5 of 10 positives
        assertEquals(List.of(0.0, 0.5), box(r.perVideo().get("frame FNR")));
    }

    @Test
    void errorsStopTheRun() {
        Diagnostics d = new Diagnostics();
        d.error("p.json", 3, "results[\"v\"][0].score", "the number is NaN; only finite numbers are allowed");
        Fixtures f = new Fixtures().truth("v", 0, 10, "x");
        EvalInputException e = assertThrows(EvalInputException.class,
                () -> Evaluation.run(f.groundTruth(), f.predictions(), OPTIONS, null, d));
        assertEquals("error: p.json, line 3, results[\"v\"][0].score: the number is NaN; only finite numbers are "
                + "allowed", e.getMessage());
    }

    @Test
    void optionsRejectBadThresholds() {
        assertThrows(IllegalArgumentException.class,
                () -> new EvalOptions(null, new double[] {0}, FrameSampling.videoFps(), 0.5, null));
        assertThrows(IllegalArgumentException.class,
                () -> new EvalOptions(null, new double[] {1.5}, FrameSampling.videoFps(), 0.5, null));
        assertThrows(IllegalArgumentException.class,
                () -> new EvalOptions(null, new double[] {0.5}, FrameSampling.videoFps(), Double.NaN, null));
    }

    private static List<Double> box(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
