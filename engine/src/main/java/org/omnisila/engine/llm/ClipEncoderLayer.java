package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * One pre-norm transformer layer, Hugging Face's {@code CLIPEncoderLayer} ({@code encoder.layers.N}).
 *
 * <ul>
 *   <li>input: x [F, N, W]
 *   <li>children: {@code self_attn} ({@link ClipAttention}), {@code layer_norm1}, {@code mlp} ({@link ClipMlp}),
 *       {@code layer_norm2} ({@link LayerNorm} [W] each)
 *   <li>output: h + mlp(layer_norm2(h)), h = x + self_attn(layer_norm1(x)) [F, N, W]
 * </ul>
 */
public final class ClipEncoderLayer extends SingleInputBlock {
    private final ClipAttention selfAttn;
    private final LayerNorm layerNorm1;
    private final ClipMlp mlp;
    private final LayerNorm layerNorm2;

    /** @param config the sizes */
    public ClipEncoderLayer(ClipVisionConfig config) {
        selfAttn = addChildBlock("self_attn", new ClipAttention(config));
        layerNorm1 = addChildBlock("layer_norm1", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
        mlp = addChildBlock("mlp", new ClipMlp(config));
        layerNorm2 = addChildBlock("layer_norm2", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
    }

    /** @return the layer's output [F, N, W] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray h = x.add(selfAttn.apply(ps, layerNorm1.apply(ps, x, training), training)); // [F, N, W]
        return h.add(mlp.apply(ps, layerNorm2.apply(ps, h, training), training)); // [F, N, W]
    }
}
