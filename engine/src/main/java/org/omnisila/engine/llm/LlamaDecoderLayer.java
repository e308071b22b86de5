package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * One pre-norm decoder layer, Hugging Face's {@code LlamaDecoderLayer} ({@code model.layers.N}).
 *
 * <ul>
 *   <li>input: x [B, T, d], and the step's {@link StepContext}
 *   <li>children: {@code self_attn} ({@link LlamaAttention}), {@code mlp} ({@link LlamaMlp}), {@code
 *       input_layernorm}, {@code post_attention_layernorm} ({@link RmsNorm}, [d] each)
 *   <li>output: h = x + self_attn(input_layernorm(x)); h + mlp(post_attention_layernorm(h)) [B, T, d]
 * </ul>
 */
public final class LlamaDecoderLayer extends StepBlock {
    private final LlamaAttention selfAttn;
    private final LlamaMlp mlp;
    private final RmsNorm inputLayernorm;
    private final RmsNorm postAttentionLayernorm;

    /**
     * @param config the sizes
     * @param layer  this layer's index
     */
    public LlamaDecoderLayer(LlamaConfig config, int layer) {
        selfAttn = addChildBlock("self_attn", new LlamaAttention(config, layer));
        mlp = addChildBlock("mlp", new LlamaMlp(config));
        inputLayernorm = addChildBlock("input_layernorm", new RmsNorm(config.hiddenSize(), config.rmsNormEps()));
        postAttentionLayernorm = addChildBlock("post_attention_layernorm",
                new RmsNorm(config.hiddenSize(), config.rmsNormEps()));
    }

    /** @return the layer's output [B, T, d] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, StepContext step, boolean training) {
        // self-attention
        NDArray h = x.add(selfAttn.apply(ps, inputLayernorm.apply(ps, x, training), step, training)); // [B, T, d]
        // fully connected
        return h.add(mlp.apply(ps, postAttentionLayernorm.apply(ps, h, training), training)); // [B, T, d]
    }
}
