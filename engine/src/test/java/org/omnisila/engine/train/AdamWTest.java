package org.omnisila.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.icm.checkpoint.StoredArray;
import org.junit.jupiter.api.Test;

class AdamWTest {
    private static final Tracker LR = step -> 0.1f / (step + 1); // 0.1, 0.05, 0.0333...
    private static final float[][] GRADS = {{0.5f, -2f, 0f, 3f}, {-0.25f, 0.75f, 1f, -1f}, {2f, 2f, -0.1f, 0.2f}};

    /** Plain-double AdamW on four weights, written from the formula in AdamW's javadoc. */
    private static double[] reference(double[] w, int steps, double wd, double clip) {
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        w = w.clone();
        for (int t = 1; t <= steps; t++) {
            double lr = LR.getNewValue(t - 1);
            for (int k = 0; k < w.length; k++) {
                double g = Math.max(-clip, Math.min(clip, GRADS[t - 1][k]));
                w[k] -= lr * wd * w[k];
                m[k] = 0.9 * m[k] + 0.1 * g;
                v[k] = 0.999 * v[k] + 0.001 * g * g;
                double mHat = m[k] / (1 - Math.pow(0.9, t));
                double vHat = v[k] / (1 - Math.pow(0.999, t));
                w[k] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
        return w;
    }

    private static void step(AdamW adam, NDManager manager, NDArray w, int t) {
        try (NDManager sub = manager.newSubManager()) {
            adam.update(List.of("w"), List.of(w), List.of(sub.create(GRADS[t], new Shape(2, 2))),
                    LR.getNewValue(adam.steps()));
        }
    }

    @Test
    void threeStepsMatchTheFormulaWorkedInDoubles() {
        double[] w0 = {1.0, -0.5, 0.25, 2.0};
        double[] expected = reference(w0, 3, 0.01, 1.0);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray w = manager.create(new float[] {1f, -0.5f, 0.25f, 2f}, new Shape(2, 2));
            AdamW adam = new AdamW(0.01f, 1f);
            for (int t = 0; t < 3; t++) {
                step(adam, manager, w, t);
            }
            float[] got = w.toFloatArray();
            for (int k = 0; k < 4; k++) {
                assertEquals(expected[k], got[k], 1e-6, "weight " + k);
            }
            assertEquals(3, adam.steps());
        }
    }

    @Test
    void clippingChangesTheResultOnlyWhereAGradientExceedsTheClip() {
        double[] w0 = {1.0, -0.5, 0.25, 2.0};
        double[] clipped = reference(w0, 1, 0, 1.0);
        double[] unclipped = reference(w0, 1, 0, Double.POSITIVE_INFINITY);
        // at t = 1, Adam's step is lr * sign(g) whatever |g|: clipping cannot show in one step ...
        assertArrayEquals(clipped, unclipped, 1e-9);
        // ... but it does from the second step on, for the weights whose gradient was clipped (1 and 3)
        double[] c2 = reference(w0, 2, 0, 1.0);
        double[] u2 = reference(w0, 2, 0, Double.POSITIVE_INFINITY);
        assertTrue(Math.abs(c2[1] - u2[1]) > 1e-4 && Math.abs(c2[3] - u2[3]) > 1e-4);
        assertEquals(c2[0], u2[0], 1e-12);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray w = manager.create(new float[] {1f, -0.5f, 0.25f, 2f}, new Shape(2, 2));
            AdamW adam = new AdamW(0f, Float.POSITIVE_INFINITY);
            step(adam, manager, w, 0);
            step(adam, manager, w, 1);
            float[] got = w.toFloatArray();
            for (int k = 0; k < 4; k++) {
                assertEquals(u2[k], got[k], 1e-6, "weight " + k);
            }
        }
    }

    @Test
    void restoredStateContinuesExactlyLikeTheUninterruptedOptimizer() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray straight = manager.create(new float[] {1f, -0.5f, 0.25f, 2f}, new Shape(2, 2));
            AdamW a = new AdamW(0.01f, 1f);
            for (int t = 0; t < 3; t++) {
                step(a, manager, straight, t);
            }

            NDArray resumed = manager.create(new float[] {1f, -0.5f, 0.25f, 2f}, new Shape(2, 2));
            AdamW b = new AdamW(0.01f, 1f);
            step(b, manager, resumed, 0);
            step(b, manager, resumed, 1);
            Map<String, StoredArray> saved = b.state();
            AdamW c = new AdamW(0.01f, 1f);
            c.restore(saved, List.of("w"), List.of(resumed));
            assertEquals(2, c.steps());
            step(c, manager, resumed, 2);

            assertArrayEquals(straight.toFloatArray(), resumed.toFloatArray(), 0f);
        }
    }

    @Test
    void restoreNamesTheMissingOrMisShapedEntry() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray w = manager.create(new float[] {1f, -0.5f, 0.25f, 2f}, new Shape(2, 2));
            AdamW a = new AdamW(0.01f, 1f);
            step(a, manager, w, 0);
            Map<String, StoredArray> state = a.state();
            AdamW b = new AdamW(0.01f, 1f);
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> b.restore(state, List.of("other"), List.of(w)));
            assertTrue(missing.getMessage().contains("'m.other'"), missing.getMessage());
            NDArray wide = manager.zeros(new Shape(4));
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                    () -> b.restore(state, List.of("w"), List.of(wide)));
            assertTrue(shape.getMessage().contains("(2, 2)"), shape.getMessage());
        }
    }
}
