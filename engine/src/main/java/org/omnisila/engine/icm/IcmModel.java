package org.omnisila.engine.icm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The small ICM: SBM and IEC in front of task heads instead of the 7B decoder (the full model's LLM half is a
 * later issue; both share these blocks). One video's segments are the batch.
 *
 * <pre>
 * x_j [S, T, d_j], j = face, action, object, background   (S segments of T frames)
 * y_moe, P   = SBM(x)                      [S, T, d], [S, L]     eq. (1)
 * y_iec      = IEC(y_moe)                  [S, T, d]             eq. (3), (4)
 * fused      = LayerNorm(y_moe + y_iec)    [S, T, d]             (w/o IEC: LayerNorm(y_moe))
 * h          = mean over T                 [S, d]
 * c          = temporal context over S     [S, d]                 encoder layers across the video's segments
 * logits     = identify(c)                 [S, C]                 C = config labels
 * presence   = locate(c)                   [S]                    logit that a sentiment event covers the segment
 * </pre>
 * Output: NDList(logits [S, C], presence [S], P [S, L]).
 *
 * <p>The temporal layers carry no position encoding: a segment sees its neighbours' content, not their order.
 */
public final class IcmModel extends AbstractBlock {
    private static final byte VERSION = 1;

    private final IcmConfig config;
    private final boolean withIec;
    private final Variant variant;
    private final SceneBalancedMoE sbm;
    private final ImplicitEnhancedCausal iec;
    private final LayerNorm fusionNorm;
    private final List<SceneEncoderLayer> temporal = new ArrayList<>();
    private final Linear identify;
    private final Linear locate;

    /**
     * @param config   sizes and labels
     * @param variant  the full model or one of the ablations
     */
    public IcmModel(IcmConfig config, Variant variant) {
        super(VERSION);
        this.config = config;
        this.variant = variant;
        this.withIec = variant != Variant.WITHOUT_IEC;
        SceneBalancedMoE.Builder moe = SceneBalancedMoE.builder(config).optAveraged(variant == Variant.WITHOUT_SBM);
        if (variant == Variant.EXPLICIT_ONLY) {
            moe.optFixedRouting(1, 0, 0, 0); // the face expert alone
        }
        sbm = addChildBlock("sbm", moe.build());
        iec = addChildBlock("iec", ImplicitEnhancedCausal.builder().setUnits(config.hidden())
                .optPaths(switch (variant) {
                    case IEC_SELF_ONLY -> ImplicitEnhancedCausal.Paths.SELF_ONLY;
                    case IEC_CROSS_ONLY -> ImplicitEnhancedCausal.Paths.CROSS_ONLY;
                    default -> ImplicitEnhancedCausal.Paths.SELF_AND_CROSS;
                })
                .optZeroOutput(zeroInitialisedIec(variant)).build());
        fusionNorm = addChildBlock("fusion_norm", LayerNorm.builder().axis(2).build());
        for (int i = 0; i < config.temporalLayers(); i++) {
            temporal.add(addChildBlock("temporal_" + i, new SceneEncoderLayer(config.hidden(), config.heads(),
                    4 * config.hidden(), (float) config.dropout())));
        }
        identify = addChildBlock("identify", Linear.builder().setUnits(config.labels().size()).build());
        locate = addChildBlock("locate", Linear.builder().setUnits(1).build());
    }

    /** The model and its ablations (paper Table 1): one code path, switched here. */
    public enum Variant {
        /** SBM + IEC. */
        FULL,
        /** Experts' outputs averaged (P = 1/L) instead of routed. */
        WITHOUT_SBM,
        /** fused = LayerNorm(y_moe), no IEC. */
        WITHOUT_IEC,
        /** P fixed to the face expert alone: explicit cues only (with IEC). */
        EXPLICIT_ONLY,
        /** Diagnostic, not in the paper: IEC with its self-sampling attention alone, y_iec = FFN(y_m). */
        IEC_SELF_ONLY,
        /** Diagnostic, not in the paper: IEC with its cross-sampling attention alone, y_iec = FFN(y_x). */
        IEC_CROSS_ONLY,
        /**
         * Diagnostic: the full model with IEC's output projection initialised at random like every other layer, as
         * ICM was until session 5 (docs/model.md, "Why IEC hurt").
         */
        IEC_RANDOM_INIT
    }

    /**
     * Whether IEC's output projection starts at zero, so that the block starts as the identity of the residual path
     * and the heads first see y_moe unchanged: the model and its paper ablations, yes (docs/model.md, "Why IEC
     * hurt": a random IEC branch added to y_moe costs 11 points of Avg mAP); the diagnostic variants keep the random
     * initialisation they were measured with.
     */
    static boolean zeroInitialisedIec(Variant variant) {
        return switch (variant) {
            case FULL, WITHOUT_SBM, EXPLICIT_ONLY -> true;
            case WITHOUT_IEC, IEC_SELF_ONLY, IEC_CROSS_ONLY, IEC_RANDOM_INIT -> false;
        };
    }

    /**
     * The scene input shapes [batch, frames, d_j] of a config, for {@code initialize(manager, FLOAT32, ...)}.
     *
     * @param segments S, the batch (any: parameters do not depend on it)
     */
    public static Shape[] inputShapes(IcmConfig config, long segments) {
        Shape[] shapes = new Shape[IcmConfig.SCENES];
        for (int j = 0; j < shapes.length; j++) {
            shapes[j] = new Shape(segments, config.frames(), config.sceneWidth(j));
        }
        return shapes;
    }

    public Variant variant() {
        return variant;
    }

    public IcmConfig config() {
        return config;
    }

    public SceneBalancedMoE sbm() {
        return sbm;
    }

    public ImplicitEnhancedCausal iec() {
        return iec;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList moe = sbm.forward(ps, inputs, training); // y_moe [S, T, d], P [S, L]
        NDList heads = heads(ps, moe.get(0), training);
        heads.add(moe.get(1));
        return heads; // logits [S, C], presence [S], P [S, L]
    }

    /**
     * Per scene j, the label probabilities under do(E_j := the IEC dictionary's expectation): the scene's expert
     * output replaced by the prior-weighted mean of the dictionary, everything else recomputed.
     *
     * @return L arrays of probabilities [S, C], in scene order face, action, object, background
     */
    public NDList interventions(ParameterStore ps, NDList inputs) {
        NDList experts = sbm.expertOutputs(ps, inputs, false); // L x [S, T, d]
        NDArray expectation = iec.expectation(experts.head().getManager()); // [d]
        NDList out = new NDList(experts.size());
        for (int j = 0; j < experts.size(); j++) {
            NDList replaced = new NDList(experts);
            replaced.set(j, expectation.broadcast(experts.get(j).getShape())); // [S, T, d]
            NDArray yMoe = sbm.mixExperts(ps, replaced, false).get(0); // [S, T, d]
            out.add(heads(ps, yMoe, false).get(0).softmax(-1)); // [S, C]
        }
        return out;
    }

    /** The fused features M = y_moe per frame, [S * T, d], from which the IEC dictionary is built. */
    public NDArray fusedEmbeddings(ParameterStore ps, NDList inputs) {
        NDArray yMoe = sbm.forward(ps, inputs, false).get(0); // [S, T, d]
        return yMoe.reshape(-1, config.hidden()); // [S * T, d]
    }

    private NDList heads(ParameterStore ps, NDArray yMoe, boolean training) {
        NDArray fused = withIec
                ? yMoe.add(iec.forward(ps, new NDList(yMoe), training).head()) // [S, T, d]
                : yMoe;
        fused = fusionNorm.forward(ps, new NDList(fused), training).head(); // [S, T, d]
        NDArray c = fused.mean(new int[] {1}).expandDims(0); // [1, S, d]
        for (SceneEncoderLayer layer : temporal) {
            c = layer.forward(ps, new NDList(c), training).head(); // [1, S, d]
        }
        c = c.squeeze(0); // [S, d]
        NDArray logits = identify.forward(ps, new NDList(c), training).head(); // [S, C]
        NDArray presence = locate.forward(ps, new NDList(c), training).head().squeeze(1); // [S]
        return new NDList(logits, presence);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long s = inputShapes[0].get(0);
        return new Shape[] {new Shape(s, config.labels().size()), new Shape(s),
            new Shape(s, IcmConfig.SCENES)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (inputShapes.length != IcmConfig.SCENES) {
            throw new IllegalArgumentException("ICM expects " + IcmConfig.SCENES + " scene inputs, got "
                    + inputShapes.length);
        }
        sbm.initialize(manager, dataType, inputShapes);
        Shape hidden = sbm.getOutputShapes(inputShapes)[0]; // [S, T, d]
        iec.initialize(manager, dataType, hidden);
        fusionNorm.initialize(manager, dataType, hidden);
        Shape sequence = new Shape(1, hidden.get(0), hidden.get(2)); // [1, S, d]
        for (SceneEncoderLayer layer : temporal) {
            layer.initialize(manager, dataType, sequence);
        }
        Shape pooled = new Shape(hidden.get(0), hidden.get(2)); // [S, d]
        identify.initialize(manager, dataType, pooled);
        locate.initialize(manager, dataType, pooled);
    }
}
