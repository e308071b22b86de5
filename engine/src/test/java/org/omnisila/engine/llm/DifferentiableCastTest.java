package org.omnisila.engine.llm;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Casts that autograd can go back through, where DJL's toType cuts the graph. */
class DifferentiableCastTest {

    @Test
    void gradientsGoBackThroughAHalfPrecisionRoundTrip() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.create(new float[] {0.5f, -1.25f, 3f});
            x.setRequiresGradient(true);
            NDArray w = m.create(new float[] {2f, -3f, 0.25f}).toType(DataType.FLOAT16, false);
            try (GradientCollector c = m.getEngine().newGradientCollector()) {
                NDArray half = DifferentiableCast.to(x, DataType.FLOAT16); // [3] fp16
                assertEquals(DataType.FLOAT16, half.getDataType());
                NDArray y = DifferentiableCast.to(half.mul(w).square(), DataType.FLOAT32).sum(); // sum (w x)^2
                assertEquals(DataType.FLOAT32, y.getDataType());
                c.backward(y);
            }
            // d/dx sum (w x)^2 = 2 w^2 x, exact in fp16 for these numbers
            assertArrayEquals(new float[] {4f, -22.5f, 0.375f}, x.getGradient().toFloatArray(), 0f);
        }
    }

    @Test
    void djlsToTypeCutsTheGraphWhichIsWhyThisClassExists() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.create(new float[] {1f, 2f});
            x.setRequiresGradient(true);
            try (GradientCollector c = m.getEngine().newGradientCollector()) {
                NDArray y = x.mul(3).toType(DataType.FLOAT16, false).toType(DataType.FLOAT32, false).sum();
                EngineException e = assertThrows(EngineException.class, () -> c.backward(y));
                assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
            }
        }
    }

    @Test
    void theSameTypeIsReturnedAsItIsAndValuesEqualToType() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.create(new float[] {0.1f, 1e-3f, 65504f, 7.3f});
            assertSame(x, DifferentiableCast.to(x, DataType.FLOAT32));
            float[] want = x.toType(DataType.FLOAT16, false).toType(DataType.FLOAT32, false).toFloatArray();
            try (GradientCollector c = m.getEngine().newGradientCollector()) { // grad mode on: the add_ path
                assertArrayEquals(want, DifferentiableCast.to(x, DataType.FLOAT16).toType(DataType.FLOAT32, false)
                        .toFloatArray(), 0f);
            }
            // grad mode off: plain toType
            assertArrayEquals(want, DifferentiableCast.to(x, DataType.FLOAT16).toType(DataType.FLOAT32, false)
                    .toFloatArray(), 0f);
        }
    }
}
