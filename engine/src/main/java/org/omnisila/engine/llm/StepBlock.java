package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A block of the layer stack: hidden states [B, T, d] in and out, with the step's positions, bias and cache
 * ({@link StepContext}) beside them. Its DJL {@code forward} takes them as arrays, without a cache: x [B, T, d],
 * cos, sin [B, 1, T, D], bias [B, 1, T, T].
 */
abstract class StepBlock extends FixedShapeBlock {

    /** @return the block's output [B, T, d] for x [B, T, d] */
    public abstract NDArray apply(ParameterStore ps, NDArray x, StepContext step, boolean training);

    @Override
    protected final NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                           PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), StepContext.fromInputs(inputs), training));
    }
}
