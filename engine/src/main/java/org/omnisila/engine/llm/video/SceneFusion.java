package org.omnisila.engine.llm.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.ImplicitEnhancedCausal;
import org.omnisila.engine.icm.SceneBalancedMoE;
import org.omnisila.engine.llm.Projection;

/**
 * The ICM's half of the full model (paper section 3.4): SBM and IEC as in {@link org.omnisila.engine.icm.IcmModel}
 * (the same children {@code sbm}, {@code iec}, {@code fusion_norm}, the same fusion, IEC's output projection
 * started at zero so that the block starts as the identity of the residual path), then {@code scene_projector} into
 * the decoder's width.
 *
 * <pre>
 * x_j [B, T, d_j], j = face, action, object, background   (one video = one segment of T = 8 frames)
 * y_moe, P = SBM(x)                        [B, T, h], [B, 4]
 * y_iec    = IEC(y_moe)                    [B, T, h]      needs the causal dictionary (set on {@link #iec()})
 * tokens   = scene_projector(LayerNorm(y_moe + y_iec))   [B, T, d]   Linear h -> d with bias
 * </pre>
 * Output: NDList(scene tokens [B, T, d], routing P [B, 4]) (P for {@code icm.RouterLoss}'s L_rb).
 *
 * <p>The IEC dictionary is built as for the small ICM, from training y_moe ({@link #sceneEmbeddings}):
 * {@code fusion.iec().setDictionary(CausalDictionary.build(embeddings, kMeans))}.
 */
public final class SceneFusion extends AbstractBlock {
    private static final byte VERSION = 1;

    private final IcmConfig config;
    private final int decoderHidden;
    private final SceneBalancedMoE sbm;
    private final ImplicitEnhancedCausal iec;
    private final LayerNorm fusionNorm;
    private final Projection sceneProjector;

    /**
     * @param config        the ICM's sizes (scene widths, frames, hidden h, expert layers, heads, dropout)
     * @param decoderHidden d, the decoder's hidden size
     */
    public SceneFusion(IcmConfig config, int decoderHidden) {
        super(VERSION);
        this.config = config;
        this.decoderHidden = decoderHidden;
        sbm = addChildBlock("sbm", SceneBalancedMoE.builder(config).build());
        iec = addChildBlock("iec", ImplicitEnhancedCausal.builder().setUnits(config.hidden())
                .optZeroOutput(true).build());
        fusionNorm = addChildBlock("fusion_norm", LayerNorm.builder().axis(2).build());
        sceneProjector = addChildBlock("scene_projector", Projection.withBias(config.hidden(), decoderHidden));
    }

    /** @return scene tokens [B, T, d] and routing P [B, 4] for the four scene inputs x_j [B, T, d_j] */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList moe = sbm.forward(ps, inputs, training); // y_moe [B, T, h], P [B, 4]
        return new NDList(tokens(ps, moe.get(0), training), moe.get(1));
    }

    /**
     * The scene tokens under the small ICM's interventions ({@code IcmModel.interventions}): per scene j, the
     * scene's expert output replaced by the IEC dictionary's expectation E[c] (the prior-weighted mean of its
     * centres), the mixture, IEC, norm and projector recomputed. What the decoder answers from these, against what it
     * answers from the real tokens, is scene j's causal effect on the answer.
     *
     * @return 4 arrays of scene tokens [B, T, d], in scene order face, action, object, background
     */
    public NDList interventions(ParameterStore ps, NDList inputs) {
        NDList experts = sbm.expertOutputs(ps, inputs, false); // 4 x [B, T, h]
        NDArray expectation = iec.expectation(experts.head().getManager()); // [h]
        NDList out = new NDList(experts.size());
        for (int j = 0; j < experts.size(); j++) {
            NDList replaced = new NDList(experts);
            replaced.set(j, expectation.broadcast(experts.get(j).getShape())); // [B, T, h]
            out.add(tokens(ps, sbm.mixExperts(ps, replaced, false).get(0), false)); // [B, T, d]
        }
        return out;
    }

    /** @return scene_projector(LayerNorm(y_moe + IEC(y_moe))) [B, T, d] for y_moe [B, T, h] */
    private NDArray tokens(ParameterStore ps, NDArray yMoe, boolean training) {
        NDArray fused = yMoe.add(iec.forward(ps, new NDList(yMoe), training).head()); // [B, T, h]
        fused = fusionNorm.forward(ps, new NDList(fused), training).head(); // [B, T, h]
        return sceneProjector.apply(ps, fused, training); // [B, T, d]
    }

    /** y_moe per frame [B * T, h], from which the IEC dictionary is built (as IcmModel.fusedEmbeddings). */
    public NDArray sceneEmbeddings(ParameterStore ps, NDList inputs) {
        return sbm.forward(ps, inputs, false).get(0).reshape(-1, config.hidden()); // [B * T, h]
    }

    public SceneBalancedMoE sbm() {
        return sbm;
    }

    public ImplicitEnhancedCausal iec() {
        return iec;
    }

    public Projection sceneProjector() {
        return sceneProjector;
    }

    public IcmConfig config() {
        return config;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), x.get(1), decoderHidden), new Shape(x.get(0), IcmConfig.SCENES)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (inputShapes.length != IcmConfig.SCENES) {
            throw new IllegalArgumentException("SceneFusion expects " + IcmConfig.SCENES + " scene inputs, got "
                    + inputShapes.length);
        }
        sbm.initialize(manager, dataType, inputShapes);
        Shape hidden = sbm.getOutputShapes(inputShapes)[0]; // [B, T, h]
        iec.initialize(manager, dataType, hidden);
        fusionNorm.initialize(manager, dataType, hidden);
        sceneProjector.initialize(manager, dataType, hidden);
    }
}
