package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.omnisila.engine.icm.Scalars;

/**
 * Causal self-attention with rotary positions and grouped key/value heads, as Hugging Face's {@code
 * LlamaAttention} ({@code self_attn}).
 *
 * <p>Notation (this file): B batch, T new tokens, Tk all keys (cached + new), d hidden, H query heads, K
 * key/value heads, D = d / H, g = H / K.
 *
 * <ul>
 *   <li>input: x [B, T, d] (already normalised), and the step's {@link StepContext}
 *   <li>parameters: {@code q_proj} [H*D, d], {@code k_proj} [K*D, d], {@code v_proj} [K*D, d], {@code o_proj}
 *       [d, H*D] (each a {@link Projection}: [out, in])
 *   <li>output: [B, T, d] = o_proj(softmax(rot(Q) rot(K)^T / sqrt(D) + bias) V)
 * </ul>
 *
 * <p>With K &lt; H each key/value head is repeated for its g query heads ({@code repeat_kv}); the cache keeps
 * the K heads only. The softmax is taken in float32, as Hugging Face does.
 */
public final class LlamaAttention extends StepBlock {
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final int layer;
    private final Projection qProj;
    private final Projection kProj;
    private final Projection vProj;
    private final Projection oProj;

    /**
     * @param config d, H, K
     * @param layer  this layer's index (its slot in the KV cache)
     */
    public LlamaAttention(LlamaConfig config, int layer) {
        heads = config.numAttentionHeads();
        kvHeads = config.numKeyValueHeads();
        headDim = config.headDim();
        this.layer = layer;
        int d = config.hiddenSize();
        qProj = addChildBlock("q_proj", new Projection(d, heads * headDim));
        kProj = addChildBlock("k_proj", new Projection(d, config.kvWidth()));
        vProj = addChildBlock("v_proj", new Projection(d, config.kvWidth()));
        oProj = addChildBlock("o_proj", new Projection(heads * headDim, d));
    }

    /** @return the attention's output [B, T, d] for x [B, T, d] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, StepContext step, boolean training) {
        NDArray q = splitHeads(qProj.apply(ps, x, training), heads); // [B, H, T, D]
        NDArray k = splitHeads(kProj.apply(ps, x, training), kvHeads); // [B, K, T, D]
        NDArray v = splitHeads(vProj.apply(ps, x, training), kvHeads); // [B, K, T, D]
        q = RotaryEmbedding.rotate(q, step.angles()); // [B, H, T, D]
        k = RotaryEmbedding.rotate(k, step.angles()); // [B, K, T, D]
        if (step.cache() != null) {
            NDList all = step.cache().store(layer, k, v);
            k = all.get(0); // [B, K, Tk, D]
            v = all.get(1); // [B, K, Tk, D]
        }
        k = repeatKv(k, heads / kvHeads); // [B, H, Tk, D]
        v = repeatKv(v, heads / kvHeads); // [B, H, Tk, D]
        NDArray scores = Scalars.div(q.matMul(k.transpose(0, 1, 3, 2)), Math.sqrt(headDim)); // [B, H, T, Tk]
        NDArray probs = DifferentiableCast.to(DifferentiableCast.to(scores, DataType.FLOAT32).add(step.bias())
                .softmax(-1), q.getDataType()); // [B, H, T, Tk]
        return oProj.apply(ps, mergeHeads(probs.matMul(v)), training); // [B, T, d]
    }

    /** @return x [B, T, h*D] as [B, h, T, D] */
    static NDArray splitHeads(NDArray x, int h) {
        Shape s = x.getShape(); // [B, T, h*D]
        return x.reshape(s.get(0), s.get(1), h, s.get(2) / h).transpose(0, 2, 1, 3); // [B, h, T, D]
    }

    /** @return x [B, h, T, D] as [B, T, h*D] */
    static NDArray mergeHeads(NDArray x) {
        Shape s = x.getShape(); // [B, h, T, D]
        return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), s.get(1) * s.get(3)); // [B, T, h*D]
    }

    /**
     * Hugging Face's {@code repeat_kv}: key/value head j serves query heads j*g ... j*g + g - 1.
     *
     * @param x [B, K, Tk, D]
     * @param g query heads per key/value head
     * @return [B, K*g, Tk, D]
     */
    static NDArray repeatKv(NDArray x, int g) {
        if (g == 1) {
            return x;
        }
        Shape s = x.getShape(); // [B, K, Tk, D]
        return x.expandDims(2).broadcast(s.get(0), s.get(1), g, s.get(2), s.get(3)) // [B, K, g, Tk, D]
                .reshape(s.get(0), s.get(1) * g, s.get(2), s.get(3)); // [B, H, Tk, D]
    }
}
