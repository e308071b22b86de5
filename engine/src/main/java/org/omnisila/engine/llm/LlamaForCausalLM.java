package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The LLaMA language model, Hugging Face's {@code LlamaForCausalLM}: {@link LlamaModel} ({@code model}) and the
 * output head ({@code lm_head}). Parameter names follow the checkpoint's keys one to one
 * ({@code model.layers.0.self_attn.q_proj.weight}, ...; see {@code llm.hf.HfParameterNames}).
 *
 * <ul>
 *   <li>input: token ids [B, T] int64; optionally the padding mask [B, T] and a {@link KvCache}
 *   <li>children: {@code model}, and {@code lm_head} [V, d] unless the config ties it to the embedding
 *   <li>output: logits [B, T, V] (or [B, 1, V], only the last position's, for generation)
 * </ul>
 */
public final class LlamaForCausalLM extends FixedShapeBlock {
    private final LlamaConfig config;
    private final LlamaModel model;
    private final Projection lmHead;

    /** @param config the sizes; {@code tieWordEmbeddings} decides whether there is an {@code lm_head} */
    public LlamaForCausalLM(LlamaConfig config) {
        this.config = config;
        model = addChildBlock("model", new LlamaModel(config));
        lmHead = config.tieWordEmbeddings() ? null
                : addChildBlock("lm_head", new Projection(config.hiddenSize(), config.vocabSize()));
    }

    /**
     * @param ids          token ids [B, T]
     * @param padding      [B, T]: 1 real, 0 left padding; null when all are real
     * @param cache        the earlier positions, extended by this step; null for none
     * @param lastPosition only the last position's logits (what generation needs; saves the head's T x V work)
     * @return logits [B, T, V], or [B, 1, V] with {@code lastPosition}
     */
    public NDArray logits(ParameterStore ps, NDArray ids, NDArray padding, KvCache cache, boolean lastPosition,
                          boolean training) {
        return head(ps, model.apply(ps, ids, padding, cache, training), lastPosition, training);
    }

    /**
     * The logits from input embeddings ({@code inputs_embeds}), same rules as {@link #logits} with ids.
     *
     * @param x            input embeddings [B, T, d]
     * @param padding      [B, T]: 1 real, 0 padding; null when all are real
     * @param cache        the earlier positions, extended by this step; null for none
     * @param lastPosition only the last position's logits
     * @return logits [B, T, V], or [B, 1, V] with {@code lastPosition}
     */
    public NDArray logitsFromEmbeddings(ParameterStore ps, NDArray x, NDArray padding, KvCache cache,
                                        boolean lastPosition, boolean training) {
        return head(ps, model.applyEmbeddings(ps, x, padding, cache, training), lastPosition, training);
    }

    /** @return the token embeddings [..., d] of {@code ids} [...] */
    public NDArray embed(ParameterStore ps, NDArray ids, boolean training) {
        return model.embed(ps, ids, training);
    }

    /** @return the decoder without its head ({@code model}: where LoRA and freezing attach) */
    public LlamaModel model() {
        return model;
    }

    /** @return logits [B, T, V] (or [B, 1, V]) of the final hidden states h [B, T, d] ({@code lm_head}) */
    NDArray head(ParameterStore ps, NDArray h, boolean lastPosition, boolean training) {
        if (lastPosition) {
            h = h.get(":, -1:, :"); // [B, 1, d]
        }
        return lmHead != null ? lmHead.apply(ps, h, training) // [B, T, V]
                : Linear.linear(h, model.embedTokens().table(ps, h, training)).head(); // [B, T, V]
    }

    /** @return the sizes this model was built from */
    public LlamaConfig config() {
        return config;
    }

    /** Inputs: ids [B, T] and optionally the padding mask [B, T]; no cache; all positions' logits. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(logits(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, null, false,
                training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(config.vocabSize())};
    }
}
