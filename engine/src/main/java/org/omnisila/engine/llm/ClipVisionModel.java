package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The video tower: Hugging Face's {@code CLIPVisionModel}, whose parameters are all under {@code vision_model.}
 * ({@code vision_model.embeddings.patch_embedding.weight}, {@code vision_model.encoder.layers.0.self_attn.q_proj
 * .weight}, ...), with LLaVA's feature selection on top.
 *
 * <ul>
 *   <li>input: pixels [F, 3, S, S] ({@link ClipFramePreprocessor}: F = 8 frames for Video-LLaVA)
 *   <li>child: {@code vision_model} ({@link ClipVisionTransformer})
 *   <li>output of {@link #features}: [F, N, W], N = 1 + (S/P)^2 ({@link VisionFeature#CLS_PATCH}) or (S/P)^2
 *       ({@link VisionFeature#PATCH}); for Video-LLaVA [8, 257, 1024]
 * </ul>
 */
public final class ClipVisionModel extends FixedShapeBlock {
    /** Video-LLaVA's {@code mm_vision_select_layer}: the second-to-last layer's output. */
    public static final int VIDEO_LLAVA_SELECT_LAYER = -2;

    private final ClipVisionTransformer visionModel;

    /** @param config the sizes */
    public ClipVisionModel(ClipVisionConfig config) {
        visionModel = addChildBlock("vision_model", new ClipVisionTransformer(config));
    }

    /**
     * @param pixels      [F, 3, S, S]
     * @param selectLayer which hidden states ({@link ClipVisionTransformer#hiddenStates}); -2 for Video-LLaVA
     * @param feature     which tokens
     * @return the selected tokens [F, N, W]
     */
    public NDArray features(ParameterStore ps, NDArray pixels, int selectLayer, VisionFeature feature,
                            boolean training) {
        NDArray h = visionModel.hiddenStates(ps, pixels, selectLayer, training); // [F, 1 + G^2, W]
        return feature == VisionFeature.PATCH ? h.get(new NDIndex(":, 1:, :")) : h; // [F, N, W]
    }

    /**
     * @return the {@code vision_model} child: what Video-LLaVA's {@code LanguageBindVideoTower} keeps as its
     *         {@code video_tower} attribute (so a LLaVA checkpoint names its tensors {@code
     *         model.video_tower.video_tower.embeddings...}, without {@code vision_model.})
     */
    public ClipVisionTransformer visionModel() {
        return visionModel;
    }

    /** @return the sizes this tower was built from */
    public ClipVisionConfig config() {
        return visionModel.config();
    }

    /** Input: pixels [F, 3, S, S]; output: Video-LLaVA's features, layer -2, CLS and patches. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(features(ps, inputs.singletonOrThrow(), VIDEO_LLAVA_SELECT_LAYER,
                VisionFeature.CLS_PATCH, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return visionModel.getOutputShapes(inputShapes);
    }
}
