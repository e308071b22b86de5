package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Hugging Face's {@code CLIPVisionTransformer} ({@code vision_model}) up to the hidden states a LLaVA model
 * takes: embeddings, {@code pre_layrnorm} (sic, Hugging Face's spelling), the encoder layers. The {@code
 * post_layernorm} is not here: it only acts on the pooled CLS output of the last layer, which LLaVA does not use
 * (a checkpoint's {@code post_layernorm.*} is skipped by the loader and listed as ignored).
 *
 * <ul>
 *   <li>input: pixels [F, 3, S, S]
 *   <li>children: {@code embeddings} ({@link ClipVisionEmbeddings}), {@code pre_layrnorm} ({@link LayerNorm}),
 *       {@code encoder.layers.0} ... {@code encoder.layers.L-1} ({@link ClipEncoder})
 *   <li>output: {@code hidden_states[k]} [F, 1 + G^2, W] for a selected layer k
 * </ul>
 */
public final class ClipVisionTransformer extends FixedShapeBlock {
    private final ClipVisionConfig config;
    private final ClipVisionEmbeddings embeddings;
    private final LayerNorm preLayrnorm;
    private final ClipEncoder encoder;

    /** @param config the sizes */
    public ClipVisionTransformer(ClipVisionConfig config) {
        this.config = config;
        embeddings = addChildBlock("embeddings", new ClipVisionEmbeddings(config));
        preLayrnorm = addChildBlock("pre_layrnorm", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
        encoder = addChildBlock("encoder", new ClipEncoder(config));
    }

    /**
     * Hugging Face's {@code hidden_states[selectLayer]} with {@code output_hidden_states=True}: index 0 is the
     * pre-normed embeddings, index k the output of layer k - 1, negative indices count from the end (L + 1
     * entries), so LLaVA's {@code mm_vision_select_layer = -2} is the output of the second-to-last layer. Only
     * the layers up to it are run.
     *
     * @param pixels      [F, 3, S, S]
     * @param selectLayer -(L + 1) ... L
     * @return the selected hidden states [F, 1 + G^2, W]
     */
    public NDArray hiddenStates(ParameterStore ps, NDArray pixels, int selectLayer, boolean training) {
        int states = config.numHiddenLayers() + 1;
        if (selectLayer < -states || selectLayer >= states) {
            throw new IllegalArgumentException("select layer " + selectLayer + " is outside the " + states
                    + " hidden states of a " + config.numHiddenLayers() + "-layer tower");
        }
        int count = selectLayer < 0 ? states + selectLayer : selectLayer;
        NDArray x = preLayrnorm.apply(ps, embeddings.apply(ps, pixels, training), training); // [F, N, W]
        return encoder.layers().apply(ps, x, count, training); // [F, N, W]
    }

    /** @return the sizes this tower was built from */
    public ClipVisionConfig config() {
        return config;
    }

    /** Input: pixels [F, 3, S, S]; output: the last layer's hidden states. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(hiddenStates(ps, inputs.singletonOrThrow(), -1, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), config.numPositions(), config.hiddenSize())};
    }
}
