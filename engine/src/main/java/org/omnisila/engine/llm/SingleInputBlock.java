package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A block of one input and one output ({@link Projection}, {@link RmsNorm}, {@link LlamaMlp}, ...). */
abstract class SingleInputBlock extends FixedShapeBlock {

    /** @return the block's output for x */
    public abstract NDArray apply(ParameterStore ps, NDArray x, boolean training);

    @Override
    protected final NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                           PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }
}
