package org.omnisila.engine.icm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The Scene-Balanced MoE (SBM) block of ICM, equation (1) of the paper:
 * y_moe = LayerNorm(sum_j g_j(h) E_j(h)), with g(h) = P = softmax(W h) from a {@link SceneRouter}.
 *
 * <p>Named dimensions: B = batch, L = 4 scene experts, T = frames, d_in_j = the feature width of
 * scene j, d = the experts' hidden size.
 *
 * <ul>
 *   <li>Input: an {@link NDList} of L arrays x_j [B, T, d_in_j], in the order of {@link #SCENES}.
 *   <li>Parameters: child blocks {@code face}, {@code action}, {@code object}, {@code background}
 *       (each a {@link SceneExpert}), {@code router} (a {@link SceneRouter}, W [L, d]) and {@code
 *       norm} (gamma, beta [d]).
 *   <li>Output: NDList(y_moe [B, T, d], P [B, L]).
 * </ul>
 *
 * <p>The ablation "w/o SBM" ({@code optAveraged(true)}) replaces P by the uniform 1/L and leaves
 * everything else as it is; the router is still built, so both variants hold the same parameters
 * and load the same files, but its weights take no part in the output. {@code optFixedRouting}
 * generalises it to any fixed P, e.g. (1, 0, 0, 0) for the "explicit only" ablation (face expert alone).
 */
public final class SceneBalancedMoE extends AbstractBlock {

    /** The scene experts in input order: FEE, HAE, ORE, VBE of the paper. */
    public static final List<String> SCENES =
            Collections.unmodifiableList(Arrays.asList("face", "action", "object", "background"));

    private static final byte VERSION = 1;

    private final float[] fixedRouting;
    private final List<SceneExpert> experts = new ArrayList<>();
    private final SceneRouter router;
    private final LayerNorm norm;

    private SceneBalancedMoE(Builder b) {
        super(VERSION);
        this.fixedRouting = b.fixedRouting;
        for (int j = 0; j < SCENES.size(); j++) {
            SceneExpert expert =
                    b.copyShapeTo(SceneExpert.builder()).setInputSize(b.inputSizes[j]).build();
            experts.add(addChildBlock(SCENES.get(j), expert));
        }
        router = addChildBlock("router", new SceneRouter(SCENES.size(), b.hiddenSize));
        norm = addChildBlock("norm", LayerNorm.builder().axis(2).build());
    }

    /**
     * A builder with the sizes of an ICM config: the scene widths, hidden size, expert layers, heads, frames and
     * dropout (the small ICM's and the full model's scene block share it).
     */
    public static Builder builder(IcmConfig config) {
        return builder().setInputSizes(config.sceneWidths().stream().mapToInt(Integer::intValue).toArray())
                .setHiddenSize(config.hidden()).setLayers(config.expertLayers()).optHeads(config.heads())
                .optMaxFrames(config.frames()).optDropout((float) config.dropout());
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether this is the "w/o SBM" ablation (P = 1/L).
     *
     * @return true when the router is bypassed
     */
    public boolean isAveraged() {
        if (fixedRouting == null) {
            return false;
        }
        for (float w : fixedRouting) {
            if (w != fixedRouting[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether P is fixed (an ablation) rather than computed by the router.
     *
     * @return true when the router is bypassed
     */
    public boolean isFixedRouting() {
        return fixedRouting != null;
    }

    /**
     * Runs the L experts alone, h_j = Expert_j(x_j); interventions replace one of these and call
     * {@link #mixExperts}.
     *
     * @param ps the parameter store
     * @param inputs the L arrays x_j [B, T, d_in_j]
     * @param training whether to apply dropout
     * @return the L arrays E_j [B, T, d]
     */
    public NDList expertOutputs(ParameterStore ps, NDList inputs, boolean training) {
        if (inputs.size() != experts.size()) {
            throw new IllegalArgumentException(
                    "SBM expects " + experts.size() + " scene inputs " + SCENES + ", got " + inputs.size());
        }
        NDList out = new NDList(experts.size());
        for (int j = 0; j < experts.size(); j++) {
            out.add(experts.get(j).forward(ps, new NDList(inputs.get(j)), training).head()); // [B, T, d]
        }
        return out;
    }

    /**
     * Routes and mixes given expert outputs, the part of equation (1) after the experts.
     *
     * @param ps the parameter store
     * @param expertOutputs the L arrays E_j [B, T, d]
     * @param training whether in training mode
     * @return NDList(y_moe [B, T, d], P [B, L])
     */
    public NDList mixExperts(ParameterStore ps, NDList expertOutputs, boolean training) {
        NDArray p = fixedRouting != null
                ? fixed(expertOutputs, fixedRouting) // [B, L], the ablation's constant P
                : router.forward(ps, expertOutputs, training).head(); // [B, L] = softmax(W h)
        NDArray mixed = weightedSum(expertOutputs, p); // [B, T, d] = sum_j P_j E_j
        NDArray y = norm.forward(ps, new NDList(mixed), training).head(); // [B, T, d] = y_moe, eq. (1)
        return new NDList(y, p);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList e = expertOutputs(ps, inputs, training); // L x [B, T, d]
        return mixExperts(ps, e, training); // ([B, T, d], [B, L])
    }

    /**
     * The gated sum inside equation (1), sum_j P_j E_j.
     *
     * @param expertOutputs the L arrays E_j [B, T, d]
     * @param p the gate P [B, L]
     * @return [B, T, d]
     */
    public static NDArray weightedSum(NDList expertOutputs, NDArray p) {
        NDArray stacked = NDArrays.stack(expertOutputs, 1); // [B, L, T, d]
        Shape s = p.getShape();
        return stacked.mul(p.reshape(s.get(0), s.get(1), 1, 1)).sum(new int[] {1}); // [B, T, d]
    }

    private static NDArray fixed(NDList expertOutputs, float[] routing) {
        long batch = expertOutputs.head().getShape().get(0);
        NDArray row = expertOutputs.head().getManager().create(routing); // [L]
        return row.broadcast(new Shape(batch, routing.length)); // [B, L]
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape hidden = experts.get(0).getOutputShapes(new Shape[] {inputShapes[0]})[0]; // [B, T, d]
        return new Shape[] {hidden, new Shape(hidden.get(0), experts.size())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (inputShapes.length != experts.size()) {
            throw new IllegalArgumentException(
                    "SBM expects " + experts.size() + " input shapes " + SCENES + ", got "
                            + Arrays.toString(inputShapes));
        }
        Shape[] hidden = new Shape[experts.size()];
        for (int j = 0; j < experts.size(); j++) {
            experts.get(j).initialize(manager, dataType, inputShapes[j]);
            hidden[j] = experts.get(j).getOutputShapes(new Shape[] {inputShapes[j]})[0]; // [B, T, d]
        }
        router.initialize(manager, dataType, hidden);
        norm.initialize(manager, dataType, hidden[0]);
    }

    /** Builder: {@code setX} for what is required, {@code optX} for what has a default. */
    public static final class Builder extends ExpertShapeBuilder<Builder> {
        private int[] inputSizes;
        private float[] fixedRouting;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the feature widths d_in_j, one per scene in the order of {@link #SCENES}.
         *
         * @param inputSizes four positive widths
         * @return this builder
         */
        public Builder setInputSizes(int... inputSizes) {
            this.inputSizes = inputSizes.clone();
            return this;
        }

        /**
         * Selects the ablation "w/o SBM": P = 1/L instead of the router (default false).
         *
         * @param averaged true to bypass the router
         * @return this builder
         */
        public Builder optAveraged(boolean averaged) {
            if (averaged) {
                float[] uniform = new float[SCENES.size()];
                Arrays.fill(uniform, 1f / SCENES.size());
                this.fixedRouting = uniform;
            } else {
                this.fixedRouting = null;
            }
            return this;
        }

        /**
         * Fixes P to the given weights instead of the router (an ablation), e.g. (1, 0, 0, 0) for
         * the face expert alone.
         *
         * @param routing L non-negative weights that sum to 1
         * @return this builder
         */
        public Builder optFixedRouting(float... routing) {
            float sum = 0;
            for (float w : routing) {
                if (!(w >= 0)) {
                    throw new IllegalArgumentException("routing weights must be >= 0, got " + Arrays.toString(routing));
                }
                sum += w;
            }
            if (routing.length != SCENES.size() || Math.abs(sum - 1) > 1e-6) {
                throw new IllegalArgumentException("fixed routing needs " + SCENES.size()
                        + " weights summing to 1, got " + Arrays.toString(routing));
            }
            this.fixedRouting = routing.clone();
            return this;
        }

        /**
         * Checks the settings and builds the block; the experts check their own settings.
         *
         * @return the block
         * @throws IllegalArgumentException naming the offending values
         */
        public SceneBalancedMoE build() {
            if (inputSizes == null || inputSizes.length != SCENES.size()) {
                throw new IllegalArgumentException(
                        "SBM needs one input size per scene " + SCENES + ", got "
                                + Arrays.toString(inputSizes));
            }
            return new SceneBalancedMoE(this);
        }
    }
}
