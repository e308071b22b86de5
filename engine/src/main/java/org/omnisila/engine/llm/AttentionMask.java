package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Positions and the additive attention bias of one forward step over T new tokens, given which of all Tk
 * keys (the cached ones and the new ones, new last) are real tokens and which are left padding.
 *
 * <p>Positions count real tokens only, as Hugging Face's {@code generate} makes them ({@code
 * attention_mask.cumsum(-1) - 1}), so a left-padded prompt gets the same positions as alone. Query i (the i-th
 * new token, at key index Tk - T + i) may attend to key j when j is a real token and j &lt;= Tk - T + i
 * (causal). A forbidden pair gets the most negative float32 (as {@code torch.finfo(float32).min} in Hugging
 * Face), not minus infinity: a padding query that may attend to nothing then gets a uniform softmax
 * instead of NaN, and is ignored anyway.
 */
public final class AttentionMask {
    private AttentionMask() {
    }

    /** Positions [B, T] int64 and bias [B, 1, T, Tk] float32 of one step. */
    public record Step(NDArray positions, NDArray bias) {
    }

    /**
     * @param keyMask   [B, Tk]: 1 for a real token, 0 for padding, over all keys of the step
     * @param newTokens T, the number of new tokens (the last T keys)
     * @return the step's positions and bias
     */
    public static Step of(NDArray keyMask, int newTokens) {
        long keys = keyMask.getShape().get(1);
        if (newTokens <= 0 || newTokens > keys) {
            throw new IllegalArgumentException("a step needs 0 < T <= Tk, got T " + newTokens + ", Tk " + keys);
        }
        NDManager m = keyMask.getManager();
        NDArray real = keyMask.toType(DataType.INT64, false); // [B, Tk]
        NDArray positions = real.cumSum(1).sub(1).get(":, {}:", keys - newTokens).maximum(0); // [B, T]
        NDArray queryAt = m.arange(keys - newTokens, keys, 1, DataType.INT64).reshape(newTokens, 1); // [T, 1]
        NDArray causal = m.arange(0, keys, 1, DataType.INT64).reshape(1, keys).lte(queryAt); // [T, Tk]
        NDArray allowed = causal.expandDims(0).logicalAnd(real.eq(1).expandDims(1)); // [B, T, Tk]
        NDArray bias = allowed.toType(DataType.FLOAT32, false).sub(1).mul(Float.MAX_VALUE); // 0 or -max
        return new Step(positions, bias.expandDims(1)); // [B, 1, T, Tk]
    }
}
