package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * One pre-norm transformer layer, Hugging Face's {@code CLIPEncoderLayer} ({@code encoder.layers.N}), with
 * LanguageBind's optional temporal attention in front (its {@code modeling_video.py}, {@code add_time_attn}).
 *
 * <ul>
 *   <li>input: x [F, N, W], F = B videos x T frames, each video's frames consecutive
 *   <li>children: {@code self_attn} ({@link ClipAttention}), {@code layer_norm1}, {@code mlp} ({@link ClipMlp}),
 *       {@code layer_norm2} ({@link LayerNorm} [W] each); with temporal attention also the parameter {@code
 *       temporal_embedding} [1, T, W], {@code temporal_attn} ({@link ClipAttention}), {@code
 *       temporal_layer_norm1} ({@link LayerNorm})
 *   <li>temporal part: x += E (each frame t gets E[t], skipped for T = 1), then per token position, across the
 *       T frames: x = x + temporal_attn(temporal_layer_norm1(x))
 *   <li>output: h + mlp(layer_norm2(h)), h = x + self_attn(layer_norm1(x)) [F, N, W]
 * </ul>
 */
public final class ClipEncoderLayer extends SingleInputBlock {
    private final ClipAttention selfAttn;
    private final LayerNorm layerNorm1;
    private final ClipMlp mlp;
    private final LayerNorm layerNorm2;
    private final int frames;
    private final Parameter temporalEmbedding;
    private final ClipAttention temporalAttn;
    private final LayerNorm temporalLayerNorm1;

    /** @param config the sizes */
    public ClipEncoderLayer(ClipVisionConfig config) {
        selfAttn = addChildBlock("self_attn", new ClipAttention(config));
        layerNorm1 = addChildBlock("layer_norm1", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
        mlp = addChildBlock("mlp", new ClipMlp(config));
        layerNorm2 = addChildBlock("layer_norm2", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
        frames = config.numFrames();
        if (config.addTimeAttn()) {
            temporalEmbedding = addParameter("temporal_embedding", Parameter.Type.WEIGHT,
                    new Shape(1, frames, config.hiddenSize()));
            temporalAttn = addChildBlock("temporal_attn", new ClipAttention(config));
            temporalLayerNorm1 = addChildBlock("temporal_layer_norm1",
                    new LayerNorm(config.hiddenSize(), config.layerNormEps()));
        } else {
            temporalEmbedding = null;
            temporalAttn = null;
            temporalLayerNorm1 = null;
        }
    }

    /** @return the layer's output [F, N, W] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        if (temporalAttn != null) {
            x = temporal(ps, x, training); // [F, N, W]
        }
        NDArray h = x.add(selfAttn.apply(ps, layerNorm1.apply(ps, x, training), training)); // [F, N, W]
        return h.add(mlp.apply(ps, layerNorm2.apply(ps, h, training), training)); // [F, N, W]
    }

    /** @return x [B*T, N, W] after the temporal embedding and attention across each video's T frames */
    private NDArray temporal(ParameterStore ps, NDArray x, boolean training) {
        Shape s = x.getShape(); // [B*T, N, W]
        if (s.get(0) % frames != 0) {
            throw new IllegalArgumentException("temporal attention over " + frames + " frames per video needs a "
                    + "multiple of " + frames + " frames, got " + s.get(0));
        }
        long b = s.get(0) / frames;
        long n = s.get(1);
        long w = s.get(2);
        if (frames != 1) {
            NDArray embedding = value(ps, temporalEmbedding, x, training);
            NDArray e = passLocal(embedding.reshape(1, frames, 1, w), embedding, x); // [1, T, 1, W]
            x = x.reshape(b, frames, n, w).add(e).reshape(s); // [B*T, N, W]
        }
        NDArray acrossFrames = x.reshape(b, frames, n, w).transpose(0, 2, 1, 3).reshape(b * n, frames, w);
        NDArray h = temporalAttn.apply(ps, temporalLayerNorm1.apply(ps, acrossFrames, training), training);
        return x.add(h.reshape(b, n, frames, w).transpose(0, 2, 1, 3).reshape(s)); // [B*T, N, W]
    }
}
