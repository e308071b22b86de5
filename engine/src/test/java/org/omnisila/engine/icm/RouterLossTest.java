package org.omnisila.engine.icm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class RouterLossTest {

    private static final float[] P = {0.7f, 0.1f, 0.1f, 0.1f, 0.25f, 0.25f, 0.25f, 0.25f};

    /*
     * P = [[0.7, 0.1, 0.1, 0.1], [0.25, 0.25, 0.25, 0.25]], L = 4, B = 2.
     * entropy row 1 = -(0.7 ln 0.7 + 3 * 0.1 ln 0.1) = 0.249672 + 0.690776 = 0.940448
     * entropy row 2 = ln 4 = 1.386294;          mean entropy = 1.163371
     * argmax: row 1 -> 0, row 2 -> 0 (a tie, the first index wins): G = [1, 0, 0, 0]
     * H = column means = [0.475, 0.175, 0.175, 0.175]
     * L * sum_j G_j H_j = 4 * 0.475 = 1.9
     * L_rb = 1e-4 * 1.163371 + 1e-2 * 1.9 = 0.000116337 + 0.019 = 0.019116337
     */
    @Test
    void equalsHandComputation() {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            NDArray p = manager.create(P, new Shape(2, 4));
            assertArrayEquals(new float[] {0.940448f, 1.386294f}, RouterLoss.entropy(p).toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {1f, 0f, 0f, 0f}, RouterLoss.dispatchFraction(p).toFloatArray(), 0f);
            assertEquals(0.019116337f, RouterLoss.compute(p).getFloat(), 1e-8f);
            assertEquals(0.019116337f, RouterLoss.compute(p, 1e-4f, 1e-2f).getFloat(), 1e-8f);
            // each term alone
            assertEquals(1.163371f, RouterLoss.compute(p, 1f, 0f).getFloat(), 1e-6f);
            assertEquals(1.9f, RouterLoss.compute(p, 0f, 1f).getFloat(), 1e-6f);
        }
    }

    @Test
    void zeroProbabilityGivesNoNaN() {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            NDArray p = manager.create(new float[] {1f, 0f, 0f, 0f}, new Shape(1, 4));
            // entropy 0; G = [1,0,0,0], H = [1,0,0,0] -> 4 * 1 = 4; total 1e-2 * 4
            assertEquals(0.04f, RouterLoss.compute(p).getFloat(), 1e-8f);
        }
    }

    /*
     * Balance term only (alpha 0, beta 1): d/dP_bj of L * sum_j G_j * mean_b P_bj = L * G_j / B
     * when G is held constant = 4 * [1, 0, 0, 0] / 2 = [2, 0, 0, 0] in each row. A gradient through
     * G (impossible through argmax) or a missing one through H would change these numbers.
     */
    @Test
    void gradientFlowsThroughHOnly() {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            NDArray p = manager.create(P, new Shape(2, 4));
            p.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                collector.backward(RouterLoss.compute(p, 0f, 1f));
            }
            assertArrayEquals(new float[] {2, 0, 0, 0, 2, 0, 0, 0}, p.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void rejectsBadArguments() {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            NDArray flat = manager.create(new float[] {0.5f, 0.5f});
            assertThrows(IllegalArgumentException.class, () -> RouterLoss.compute(flat));
            NDArray p = manager.create(P, new Shape(2, 4));
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> RouterLoss.compute(p, -1f, 0f));
            assertEquals("alpha and beta must be >= 0, got alpha -1.0 and beta 0.0", e.getMessage());
        }
    }
}
