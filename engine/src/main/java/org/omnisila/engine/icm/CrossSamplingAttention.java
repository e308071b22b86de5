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
 * Cross-sampling attention of the IEC block, eq. (4) of the paper: y_x = V_C softmax(Q_C^T K_C).
 *
 * <p>Q_C is a linear projection of the current sample's fused scene features M (the paper's query
 * function q(.)); K_C and V_C are linear projections of the global {@link CausalDictionary} (K-means
 * centres of training embeddings, "other samples in the training set"), the same for every sample
 * of the batch.
 *
 * <p>Front-door adjustment with the NWGM approximation: the interventional estimate
 * sum_c P(c) P(y | x, c) is approximated by feeding the P(c)-weighted expectation of the dictionary
 * through the network. Here P(c) enters the attention as an additive log-prior on the logits,
 * softmax(Q_C K_C^T / sqrt(d_h) + log p(c)), so the weight of entry k is proportional to
 * p(c_k) exp(q . k_k / sqrt(d_h)): the prior of a cluster multiplies its attention weight. A
 * uniform prior adds the same constant to every logit and leaves plain attention unchanged.
 *
 * <p>Notation: B batch, T frames, K dictionary entries, d hidden width, h heads.
 *
 * <ul>
 *   <li>input: M [B, T, d]
 *   <li>state (not trained): dictionary centres [K, d] and prior [K], see {@link #setDictionary}
 *   <li>parameters: those of one {@link ScaledAttention} named {@code attention} (W_q, b_q, W_k, W_v, b_v)
 *   <li>output: y_x [B, T, d]
 * </ul>
 */
public final class CrossSamplingAttention extends AbstractBlock {
    private static final byte VERSION = 1;

    private final ScaledAttention attention;
    private CausalDictionary dictionary;

    private CrossSamplingAttention(Builder builder) {
        super(VERSION);
        this.attention = addChildBlock(
                "attention", ScaledAttention.builder().setUnits(builder.units).optHeads(builder.heads).build());
    }

    /** @return a builder; {@code setUnits} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @param dictionary the global dictionary of eq. (4); its width d must equal the input width */
    public void setDictionary(CausalDictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** @return the dictionary, or null while none is set */
    public CausalDictionary getDictionary() {
        return dictionary;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray m = inputs.head(); // [B, T, d]
        NDArray centres = batchedCentres(m); // [B, K, d]
        NDArray logPrior = dictionary.logPrior(m.getManager()).toType(m.getDataType(), false); // [K]
        return attention.forward(ps, new NDList(m, centres, logPrior), training); // y_x [B, T, d], eq. (4)
    }

    /**
     * @param m the fused scene features M [B, T, d]
     * @return the cross-sampling weights P(c | q(X)) including the prior [B, h, T, K]
     */
    public NDArray attentionWeights(ParameterStore ps, NDArray m) {
        NDArray logPrior = dictionary.logPrior(m.getManager()).toType(m.getDataType(), false); // [K]
        return attention.attentionWeights(ps, m, batchedCentres(m), logPrior);
    }

    private NDArray batchedCentres(NDArray m) {
        if (dictionary == null) {
            throw new IllegalStateException("CrossSamplingAttention has no causal dictionary (eq. 4): call "
                    + "setDictionary(CausalDictionary.build(trainingEmbeddings, kMeans)) before forward");
        }
        Shape s = m.getShape();
        if (s.dimension() != 3 || s.get(2) != dictionary.dim()) {
            throw new IllegalArgumentException("CrossSamplingAttention expects M [B, T, d] with d = dictionary width "
                    + dictionary.dim() + ", got " + s);
        }
        return dictionary.centres(m.getManager()).toType(m.getDataType(), false) // [K, d]
                .expandDims(0) // [1, K, d]
                .broadcast(s.get(0), dictionary.size(), dictionary.dim()); // [B, K, d]
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // the dictionary has the width of M, so the key/value projections take the input's shape
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

        /** @return the block; the dictionary is set afterwards with {@link #setDictionary} */
        public CrossSamplingAttention build() {
            checkUnitsAndHeads("CrossSamplingAttention");
            return new CrossSamplingAttention(this);
        }
    }
}
