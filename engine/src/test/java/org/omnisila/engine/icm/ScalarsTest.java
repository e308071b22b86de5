package org.omnisila.engine.icm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The number in x * c, x / c and max(x, c) must still be there when the backward pass reads it, even
 * after the garbage collector ran and the freed memory was reused (filled with NaN here).
 */
class ScalarsTest {
    private static final float[] X = {-2f, -0.5f, 0.25f, 3f};

    @Test
    void divisionsGradientSurvivesACollection() {
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, gradientAfterCollection((x, c) -> Scalars.div(x, 4)));
    }

    @Test
    void productsGradientSurvivesACollection() {
        assertArrayEquals(new float[] {3f, 3f, 3f, 3f}, gradientAfterCollection((x, c) -> Scalars.mul(x, 3)));
    }

    @Test
    void maximumsGradientSurvivesACollection() {
        assertArrayEquals(new float[] {0f, 0f, 1f, 1f}, gradientAfterCollection((x, c) -> Scalars.atLeast(x, 0)));
    }

    /**
     * The number must outlive the manager it was made on: a layer run on its own manager ({@code llm.LayerScope})
     * closes that manager after the forward pass, long before the backward pass reads the number.
     */
    @Test
    void theNumberOutlivesItsManager() {
        for (int round = 0; round < 3; round++) {
            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                NDArray x = manager.create(X);
                x.setRequiresGradient(true);
                try (GradientCollector g = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray y;
                    try (NDManager layer = manager.newSubManager()) {
                        x.tempAttach(layer);
                        y = Scalars.div(Scalars.mul(x, 3), 0.5).sum();
                        y.attach(manager);
                    }
                    churnFreedMemory();
                    g.backward(y);
                }
                assertArrayEquals(new float[] {6f, 6f, 6f, 6f}, x.getGradient().toFloatArray());
            }
        }
    }

    private static float[] gradientAfterCollection(BiFunction<NDArray, Double, NDArray> op) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray x = manager.create(X);
            x.setRequiresGradient(true);
            try (GradientCollector g = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = op.apply(x, 0.0).sum();
                churnFreedMemory();
                g.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    /** Collects garbage, then hands the freed small blocks out again, filled with NaN. */
    private static void churnFreedMemory() {
        List<ByteBuffer> keep = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 2_000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
                b.putFloat(0, Float.NaN);
                keep.add(b);
            }
        }
    }
}
