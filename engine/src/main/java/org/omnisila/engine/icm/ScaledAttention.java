package org.omnisila.engine.icm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Scaled dot-product attention with its own query, key and value projections, the building block of
 * both IEC attentions (paper section 3.3, eq. 3 and 4).
 *
 * <p>Notation (used in this file only): B batch, Tq query positions, Tk key/value positions,
 * d_in input width, d = {@code units} (output width), h heads, d_h = d / h.
 *
 * <ul>
 *   <li>input 0, query source X_q: [B, Tq, d_in_q]
 *   <li>input 1, key/value source X_kv: [B, Tk, d_in_kv] (optional; X_q when absent)
 *   <li>input 2, additive logit bias: broadcastable to [B, h, Tq, Tk], typically [Tk] (optional)
 *   <li>parameter {@code query} (Linear with bias): W_q [d, d_in_q], b_q [d]
 *   <li>parameter {@code key} (Linear without bias): W_k [d, d_in_kv]
 *   <li>parameter {@code value} (Linear with bias): W_v [d, d_in_kv], b_v [d]
 *   <li>output: [B, Tq, d] = concat over heads of softmax(Q K^T / sqrt(d_h) + bias) V
 * </ul>
 *
 * <p>The key projection has no bias: a bias on the keys adds q . b_k to every logit of a query
 * row, which the softmax removes, so it would be a parameter that never receives a gradient. There
 * is no output projection: the paper's eq. (3) and (4) stop at V softmax(QK), and the IEC block
 * feeds the sum of both attentions into an FFN anyway.
 */
public final class ScaledAttention extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int units;
    private final int heads;
    private final Linear query;
    private final Linear key;
    private final Linear value;

    private ScaledAttention(Builder builder) {
        super(VERSION);
        this.units = builder.units;
        this.heads = builder.heads;
        this.query = addChildBlock("query", Linear.builder().setUnits(units).build());
        this.key = addChildBlock("key", Linear.builder().setUnits(units).optBias(false).build());
        this.value = addChildBlock("value", Linear.builder().setUnits(units).build());
    }

    /** @return a builder; {@code setUnits} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return d, the output width */
    public int getUnits() {
        return units;
    }

    /** @return h, the number of heads */
    public int getHeads() {
        return heads;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray kvSource = inputs.size() > 1 ? inputs.get(1) : inputs.head();
        NDArray bias = inputs.size() > 2 ? inputs.get(2) : null;
        NDArray q = query.forward(ps, new NDList(inputs.head()), training).head(); // [B, Tq, d]
        NDArray k = key.forward(ps, new NDList(kvSource), training).head(); // [B, Tk, d]
        NDArray v = value.forward(ps, new NDList(kvSource), training).head(); // [B, Tk, d]
        return new NDList(attend(q, k, v, heads, bias)); // [B, Tq, d]
    }

    /**
     * The attention weights of this block for the given sources, for inspection and tests.
     *
     * @param queries X_q [B, Tq, d_in_q]
     * @param keys X_kv [B, Tk, d_in_kv]
     * @param bias additive logit bias broadcastable to [B, h, Tq, Tk], or null
     * @return softmax weights [B, h, Tq, Tk]; each row sums to 1
     */
    public NDArray attentionWeights(ParameterStore ps, NDArray queries, NDArray keys, NDArray bias) {
        NDArray q = query.forward(ps, new NDList(queries), false).head(); // [B, Tq, d]
        NDArray k = key.forward(ps, new NDList(keys), false).head(); // [B, Tk, d]
        return weights(q, k, heads, bias);
    }

    /**
     * The functional form: softmax(Q K^T / sqrt(d_h) + bias) V per head, heads concatenated.
     *
     * @param q projected queries [B, Tq, d]
     * @param k projected keys [B, Tk, d]
     * @param v projected values [B, Tk, d]
     * @param heads h; must divide d
     * @param bias additive logit bias broadcastable to [B, h, Tq, Tk], or null
     * @return [B, Tq, d]
     */
    public static NDArray attend(NDArray q, NDArray k, NDArray v, int heads, NDArray bias) {
        return mergeHeads(weights(q, k, heads, bias).matMul(splitHeads(v, heads))); // [B, Tq, d]
    }

    private static NDArray weights(NDArray q, NDArray k, int heads, NDArray bias) {
        long headWidth = q.getShape().get(2) / heads;
        NDArray logits = Scalars.div(splitHeads(q, heads) // [B, h, Tq, d_h]
                .matMul(splitHeads(k, heads).transpose(0, 1, 3, 2)), Math.sqrt(headWidth)); // [B, h, Tq, Tk]
        if (bias != null) {
            logits = logits.add(bias); // [B, h, Tq, Tk]
        }
        return logits.softmax(-1); // [B, h, Tq, Tk]
    }

    private static NDArray splitHeads(NDArray x, int heads) {
        Shape s = x.getShape(); // [B, T, d]
        if (s.dimension() != 3 || s.get(2) % heads != 0) {
            throw new IllegalArgumentException(
                    "attention expects [B, T, d] with d divisible by heads=" + heads + ", got " + s);
        }
        return x.reshape(s.get(0), s.get(1), heads, s.get(2) / heads) // [B, T, h, d_h]
                .transpose(0, 2, 1, 3); // [B, h, T, d_h]
    }

    private static NDArray mergeHeads(NDArray x) {
        Shape s = x.getShape(); // [B, h, T, d_h]
        return x.transpose(0, 2, 1, 3) // [B, T, h, d_h]
                .reshape(s.get(0), s.get(2), s.get(1) * s.get(3)); // [B, T, d]
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape kvShape = inputShapes.length > 1 ? inputShapes[1] : inputShapes[0];
        query.initialize(manager, dataType, inputShapes[0]);
        key.initialize(manager, dataType, kvShape);
        value.initialize(manager, dataType, kvShape);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape q = inputShapes[0];
        return new Shape[] {q.slice(0, q.dimension() - 1).add(units)};
    }

    /** Builder: {@code setUnits} (d) is required, {@code optHeads} (h, default 1) must divide it. */
    public static final class Builder extends AttentionBuilder<Builder> {
        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** @return the block; fails when units is unset or not positive, or heads does not divide it */
        public ScaledAttention build() {
            checkUnitsAndHeads("ScaledAttention");
            return new ScaledAttention(this);
        }
    }
}
