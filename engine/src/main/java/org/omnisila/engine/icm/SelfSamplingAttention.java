package org.omnisila.engine.icm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Self-sampling attention of the IEC block, eq. (3) of the paper: y_m = V_M softmax(Q_M^T K_M).
 *
 * <p>Q_M, K_M and V_M are all linear projections of the current sample's fused scene features M
 * (the SBM output y_moe): the query projection plays the role of the paper's query embedding
 * function p(.), and the keys and values come "from the current input sample". The estimate is
 * sum_m P(M = m | p(X)) m over the positions of this sample.
 *
 * <p>Notation: B batch, T frames (or sequence positions), d hidden width, h heads.
 *
 * <ul>
 *   <li>input: M [B, T, d]
 *   <li>parameters: those of one {@link ScaledAttention} named {@code attention} (W_q, b_q, W_k, W_v, b_v)
 *   <li>output: y_m [B, T, d]
 * </ul>
 */
public final class SelfSamplingAttention extends AbstractBlock {
    private static final byte VERSION = 1;

    private final ScaledAttention attention;

    private SelfSamplingAttention(Builder builder) {
        super(VERSION);
        this.attention = addChildBlock(
                "attention", ScaledAttention.builder().setUnits(builder.units).optHeads(builder.heads).build());
    }

    /** @return a builder; {@code setUnits} is required */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray m = inputs.head(); // [B, T, d]
        return attention.forward(ps, new NDList(m, m), training); // y_m [B, T, d], eq. (3)
    }

    /**
     * @param m the fused scene features M [B, T, d]
     * @return the self-sampling weights P(M = m | p(X)) [B, h, T, T]
     */
    public NDArray attentionWeights(ParameterStore ps, NDArray m) {
        return attention.attentionWeights(ps, m, m, null);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        attention.initialize(manager, dataType, inputShapes[0], inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return attention.getOutputShapes(new Shape[] {inputShapes[0], inputShapes[0]});
    }

    /** Builder: {@code setUnits} (d) is required, {@code optHeads} (default 1) must divide it. */
    public static final class Builder extends AttentionBuilder<Builder> {
        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** @return the block; the invariants are those of {@link ScaledAttention.Builder#build()} */
        public SelfSamplingAttention build() {
            checkUnitsAndHeads("SelfSamplingAttention");
            return new SelfSamplingAttention(this);
        }
    }
}
