package org.omnisila.engine.icm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import org.junit.jupiter.api.Test;

/** ScaledAttention against the plain-Java loops of {@link AttentionReference}. */
class ScaledAttentionTest {

    /** T = 3 frames of width d = 4. */
    private static final float[][] X = {
        {0.5f, -1.0f, 0.25f, 2.0f},
        {-0.75f, 0.5f, 1.5f, -0.5f},
        {1.0f, 0.0f, -1.25f, 0.75f},
    };

    @Test
    void singleHeadSelfAttentionMatchesReference() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ScaledAttention block = initialised(manager, 1, new Shape(1, 3, 4), new Shape(1, 3, 4));
            NDArray x = manager.create(AttentionReference.flat(X), new Shape(1, 3, 4));
            NDArray out = block.forward(new ParameterStore(manager, false), new NDList(x), false).head();

            assertArrayEquals(new long[] {1, 3, 4}, out.getShape().getShape());
            float[] expected = AttentionReference.flat(AttentionReference.attend(block, X, X, 4, 1, null));
            assertArrayEquals(expected, out.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void twoHeadsWithSeparateKeysAndBiasMatchReference() {
        float[][] kv = {{1, 2, 3, 4}, {-1, 0, 1, 0}, {0.5f, 0.5f, -0.5f, -2}, {2, -1, 0, 1}, {0, 0, 0, 1}};
        float[] bias = {0.0f, -1.0f, 0.5f, -2.0f, 0.25f};
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ScaledAttention block = initialised(manager, 2, new Shape(1, 3, 4), new Shape(1, 5, 4));
            NDArray out = block.forward(new ParameterStore(manager, false), new NDList(
                    manager.create(AttentionReference.flat(X), new Shape(1, 3, 4)),
                    manager.create(AttentionReference.flat(kv), new Shape(1, 5, 4)),
                    manager.create(bias)), false).head();

            float[] expected = AttentionReference.flat(AttentionReference.attend(block, X, kv, 4, 2, bias));
            assertArrayEquals(expected, out.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void builderRejectsHeadsThatDoNotDivideUnits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScaledAttention.builder().setUnits(4).optHeads(3).build());
        assertTrue(e.getMessage().contains("units=4, heads=3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScaledAttention.builder().build());
    }

    /** A block with non-zero biases (zero biases would hide a missing bias term). */
    private static ScaledAttention initialised(NDManager manager, int heads, Shape query, Shape keyValue) {
        Engine.getEngine("PyTorch").setRandomSeed(11);
        ScaledAttention block = ScaledAttention.builder().setUnits(4).optHeads(heads).build();
        block.setInitializer(new NormalInitializer(0.5f), Parameter.Type.BIAS);
        block.initialize(manager, DataType.FLOAT32, query, keyValue);
        return block;
    }
}
