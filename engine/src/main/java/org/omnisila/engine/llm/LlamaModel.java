package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * The decoder without its output head, Hugging Face's {@code LlamaModel} ({@code model}): token embedding,
 * L decoder layers, final norm. It also makes each step's positions, attention bias and rotary angles.
 *
 * <ul>
 *   <li>input: token ids [B, T] int64, or input embeddings [B, T, d] (Hugging Face's {@code inputs_embeds},
 *       {@link #applyEmbeddings}: Video-LLaVA's text and video tokens); optionally the padding mask [B, T] (1 real,
 *       0 padding) and a {@link KvCache} holding the earlier positions
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
        return applyEmbeddings(ps, embed(ps, ids, training), padding, cache, training); // [B, T, d]
    }

    /**
     * The decoder from input embeddings, Hugging Face's {@code LlamaModel.forward(inputs_embeds=...)}: the same
     * positions (real tokens counted, padding not) and the same mask as {@link #apply} with ids.
     *
     * @param x       input embeddings [B, T, d] (e.g. {@link #embed} of ids with video tokens put in)
     * @param padding [B, T]: 1 for a real token, 0 for padding; null when all are real
     * @param cache   the earlier positions' keys and values, extended by this step; null for none
     * @return the final hidden states [B, T, d]
     */
    public NDArray applyEmbeddings(ParameterStore ps, NDArray x, NDArray padding, KvCache cache, boolean training) {
        Shape s = x.getShape();
        if (s.dimension() != 3 || s.get(2) != config.hiddenSize()) {
            throw new IllegalArgumentException("input embeddings must be [B, T, " + config.hiddenSize() + "], got "
                    + s);
        }
        return norm.apply(ps, layers.apply(ps, x, context(x, padding, cache), training), training); // [B, T, d]
    }

    /**
     * @param x       input embeddings [B, T, d]
     * @param padding [B, T] (1 real, 0 padding), or null when all are real
     * @param cache   the earlier positions (extended here by T), or null
     * @return the step's positions' rotary angles, attention bias and cache
     */
    StepContext context(NDArray x, NDArray padding, KvCache cache) {
        Shape s = x.getShape();
        NDArray real = padding != null ? padding
                : x.getManager().ones(new Shape(s.get(0), s.get(1)), DataType.INT64); // [B, T]
        NDArray keyMask = cache == null ? real : cache.extend(real); // [B, Tk]
        AttentionMask.Step mask = AttentionMask.of(keyMask, Math.toIntExact(s.get(1)));
        return new StepContext(rotary.angles(mask.positions(), x.getDataType()), mask.bias(), cache);
    }

    /** @return the decoder layers in order */
    List<LlamaDecoderLayer> layers() {
        return layers.layers();
    }

    /** @return the final norm ({@code norm}) of the last layer's output h [B, T, d] */
    NDArray finalNorm(ParameterStore ps, NDArray h, boolean training) {
        return norm.apply(ps, h, training); // [B, T, d]
    }

    /**
     * @param ids token ids [B, T] (or any shape [...])
     * @return their embeddings [B, T, d] ({@code embed_tokens}; Hugging Face's {@code get_input_embeddings()})
     */
    public NDArray embed(ParameterStore ps, NDArray ids, boolean training) {
        return embedTokens.apply(ps, ids, training); // [..., d]
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
