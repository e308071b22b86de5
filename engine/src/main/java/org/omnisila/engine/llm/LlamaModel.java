package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The decoder without its output head, Hugging Face's {@code LlamaModel} ({@code model}): token embedding,
 * L decoder layers, final norm. It also makes each step's positions, attention bias and rotary angles.
 *
 * <ul>
 *   <li>input: token ids [B, T] int64; optionally the padding mask [B, T] (1 real, 0 left padding) and a
 *       {@link KvCache} holding the earlier positions
 *   <li>children: {@code embed_tokens} [V, d], {@code layers.0} ... {@code layers.L-1}, {@code norm} [d]
 *   <li>output: the final hidden states [B, T, d]
 * </ul>
 */
public final class LlamaModel extends FixedShapeBlock {
    private final LlamaConfig config;
    private final TokenEmbedding embedTokens;
    private final DecoderLayers layers;
    private final RmsNorm norm;
    private final RotaryEmbedding rotary;

    /** @param config the sizes */
    public LlamaModel(LlamaConfig config) {
        this.config = config;
        embedTokens = addChildBlock("embed_tokens", new TokenEmbedding(config));
        layers = addChildBlock("layers", new DecoderLayers(config));
        norm = addChildBlock("norm", new RmsNorm(config.hiddenSize(), config.rmsNormEps()));
        rotary = new RotaryEmbedding(config);
    }

    /**
     * @param ids     token ids [B, T]
     * @param padding [B, T]: 1 for a real token, 0 for left padding; null when all are real
     * @param cache   the earlier positions' keys and values, extended by this step; null for none
     * @return the final hidden states [B, T, d]
     */
    public NDArray apply(ParameterStore ps, NDArray ids, NDArray padding, KvCache cache, boolean training) {
        NDArray real = padding != null ? padding : ids.onesLike(); // [B, T]
        NDArray keyMask = cache == null ? real : cache.extend(real); // [B, Tk]
        AttentionMask.Step mask = AttentionMask.of(keyMask, Math.toIntExact(ids.getShape().get(1)));
        NDArray x = embedTokens.apply(ps, ids, training); // [B, T, d]
        StepContext step = new StepContext(rotary.angles(mask.positions(), x.getDataType()), mask.bias(), cache);
        return norm.apply(ps, layers.apply(ps, x, step, training), training); // [B, T, d]
    }

    /** @return the token embedding (an untied model's head is separate, a tied one multiplies with it) */
    TokenEmbedding embedTokens() {
        return embedTokens;
    }

    /** @return the sizes this model was built from */
    public LlamaConfig config() {
        return config;
    }

    /** Inputs: ids [B, T] and optionally the padding mask [B, T]; no cache. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, null, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(config.hiddenSize())};
    }
}
