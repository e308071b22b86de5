package org.omnisila.engine.icm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The Implicit-Enhanced Causal (IEC) block of ICM (paper section 3.3): a front-door adjustment
 * implemented as deconfounded causal attention, y_iec = FFN(y_m + y_x), where y_m is the
 * {@link SelfSamplingAttention} over the current sample (eq. 3) and y_x the
 * {@link CrossSamplingAttention} over the global {@link CausalDictionary} (eq. 4).
 *
 * <p>Notation: B batch, T frames (8 per segment, or a sequence), K dictionary entries, d hidden
 * width, h heads, f = ffnMultiplier (4 by default).
 *
 * <ul>
 *   <li>input: M = y_moe, the SBM's fused scene features [B, T, d]
 *   <li>state (not trained): the dictionary, centres [K, d] and prior [K], set with
 *       {@link #setDictionary}; forward fails without it
 *   <li>parameters: {@code self_sampling} and {@code cross_sampling} (each W_q [d, d], b_q [d],
 *       W_k [d, d], W_v [d, d], b_v [d]), {@code ffn_in} W [f d, d], b [f d], {@code ffn_out}
 *       W [d, f d], b [d]
 *   <li>output: y_iec [B, T, d]
 * </ul>
 */
public final class ImplicitEnhancedCausal extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int units;
    private final SelfSamplingAttention selfSampling;
    private final CrossSamplingAttention crossSampling;
    private final Linear ffnIn;
    private final Linear ffnOut;
    private final Paths paths;

    /** Which of the two attentions feed the FFN: both (the paper), or one alone (a diagnostic ablation). */
    public enum Paths {
        /** y_iec = FFN(y_m + y_x), eq. (3) and (4). */
        SELF_AND_CROSS,
        /** y_iec = FFN(y_m): no dictionary, the self-sampling attention alone. */
        SELF_ONLY,
        /** y_iec = FFN(y_x): the cross-sampling attention over the dictionary alone. */
        CROSS_ONLY
    }

    private ImplicitEnhancedCausal(Builder builder) {
        super(VERSION);
        this.units = builder.units;
        this.paths = builder.paths;
        this.selfSampling = addChildBlock("self_sampling",
                SelfSamplingAttention.builder().setUnits(units).optHeads(builder.heads).build());
        this.crossSampling = addChildBlock("cross_sampling",
                CrossSamplingAttention.builder().setUnits(units).optHeads(builder.heads).build());
        this.ffnIn = addChildBlock("ffn_in", Linear.builder().setUnits((long) units * builder.ffnMultiplier).build());
        this.ffnOut = addChildBlock("ffn_out", Linear.builder().setUnits(units).build());
        if (builder.zeroOutput) {
            // y_iec = 0 at the start: the block begins as the identity of the residual path (ReZero-style).
            ffnOut.setInitializer(new ConstantInitializer(0f), Parameter.Type.WEIGHT);
        }
    }

    /** @return which attentions feed the FFN */
    public Paths paths() {
        return paths;
    }

    /** @return a builder; {@code setUnits} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @param dictionary the K-means dictionary of eq. (4), of width d; replaces any earlier one */
    public void setDictionary(CausalDictionary dictionary) {
        if (dictionary != null && dictionary.dim() != units) {
            throw new IllegalArgumentException(
                    "IEC dictionary width " + dictionary.dim() + " differs from the block width d=" + units);
        }
        crossSampling.setDictionary(dictionary);
    }

    /** @return the dictionary, or null while none is set */
    public CausalDictionary getDictionary() {
        return crossSampling.getDictionary();
    }

    /** @return E[c] = sum_k p(c_k) c_k [d], the value used for the interventions do(x_j := E[c]) */
    public float[] expectation() {
        return requireDictionary().expectation();
    }

    /** @return E[c] as a [d] float32 array on {@code manager} */
    public NDArray expectation(NDManager manager) {
        return manager.create(expectation());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        requireDictionary();
        NDArray m = inputs.head(); // M [B, T, d]
        NDArray attended = switch (paths) {
            case SELF_AND_CROSS -> selfSampling.forward(ps, new NDList(m), training).head() // y_m, eq. (3)
                    .add(crossSampling.forward(ps, new NDList(m), training).head()); // + y_x, eq. (4)
            case SELF_ONLY -> selfSampling.forward(ps, new NDList(m), training).head();
            case CROSS_ONLY -> crossSampling.forward(ps, new NDList(m), training).head();
        }; // [B, T, d]
        NDArray hidden = ffnIn.forward(ps, new NDList(attended), training).head(); // [B, T, f d]
        return ffnOut.forward(ps, new NDList(Activation.gelu(hidden)), training); // y_iec [B, T, d]
    }

    private CausalDictionary requireDictionary() {
        CausalDictionary dictionary = crossSampling.getDictionary();
        if (dictionary == null) {
            throw new IllegalStateException("ImplicitEnhancedCausal has no causal dictionary (eq. 4): call "
                    + "setDictionary(CausalDictionary.build(trainingEmbeddings, kMeans)) before forward");
        }
        return dictionary;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape m = inputShapes[0]; // [B, T, d]
        if (m.dimension() != 3 || m.get(2) != units) {
            throw new IllegalArgumentException("ImplicitEnhancedCausal expects M [B, T, d=" + units + "], got " + m);
        }
        selfSampling.initialize(manager, dataType, m);
        crossSampling.initialize(manager, dataType, m);
        ffnIn.initialize(manager, dataType, m);
        ffnOut.initialize(manager, dataType, ffnIn.getOutputShapes(new Shape[] {m})[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** Builder: {@code setUnits} (d) is required; heads must divide it; the FFN widens by ffnMultiplier. */
    public static final class Builder extends AttentionBuilder<Builder> {
        private int ffnMultiplier = 4;
        private Paths paths = Paths.SELF_AND_CROSS;
        private boolean zeroOutput;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** @param ffnMultiplier f, the FFN's hidden width is f d (default 4) */
        public Builder optFfnMultiplier(int ffnMultiplier) {
            this.ffnMultiplier = ffnMultiplier;
            return this;
        }

        /** @param paths which attentions feed the FFN (default both, as the paper) */
        public Builder optPaths(Paths paths) {
            this.paths = paths;
            return this;
        }

        /** @param zeroOutput start the output projection's weights at 0, so that y_iec starts at its bias (0) */
        public Builder optZeroOutput(boolean zeroOutput) {
            this.zeroOutput = zeroOutput;
            return this;
        }

        /** @return the block; fails on units <= 0, heads not dividing units, or ffnMultiplier < 1 */
        public ImplicitEnhancedCausal build() {
            checkUnitsAndHeads("ImplicitEnhancedCausal");
            if (ffnMultiplier < 1) {
                throw new IllegalArgumentException("ImplicitEnhancedCausal ffnMultiplier must be >= 1, got "
                        + ffnMultiplier);
            }
            return new ImplicitEnhancedCausal(this);
        }
    }
}
