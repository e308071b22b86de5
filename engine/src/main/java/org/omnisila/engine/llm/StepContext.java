package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * What every layer needs in one forward step besides the hidden states: the rotary angles of the new
 * tokens' positions, the attention bias and, when decoding incrementally, the cache.
 *
 * @param angles cos and sin [B, 1, T, D]
 * @param bias   additive attention bias [B, 1, T, Tk] (see {@link AttentionMask})
 * @param cache  the KV cache, already extended by the step's T positions; null to attend to the T tokens only
 */
public record StepContext(RotaryEmbedding.Angles angles, NDArray bias, KvCache cache) {

    /**
     * The context a layer's DJL {@code forward} is given as arrays, without a cache.
     *
     * @param inputs x [B, T, d] (not read here), cos, sin [B, 1, T, D], bias [B, 1, T, T]
     */
    static StepContext fromInputs(NDList inputs) {
        return new StepContext(new RotaryEmbedding.Angles(inputs.get(1), inputs.get(2)), inputs.get(3), null);
    }
}
