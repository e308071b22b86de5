package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.omnisila.engine.icm.Scalars;

/**
 * Bidirectional multi-head self-attention, Hugging Face's {@code CLIPAttention} ({@code self_attn}): every token
 * sees every token of its frame, no mask, no positions (they were added to the embeddings).
 *
 * <p>Notation: F frames (the batch), N tokens per frame, W width, H heads, D = W / H.
 *
 * <ul>
 *   <li>input: x [F, N, W] (already normalised)
 *   <li>parameters: {@code q_proj}, {@code k_proj}, {@code v_proj}, {@code out_proj}, each a {@link
 *       Projection} [W, W] + [W]
 *   <li>output: out_proj(softmax(Q K^T / sqrt(D)) V) [F, N, W]
 * </ul>
 */
public final class ClipAttention extends SingleInputBlock {
    private final int heads;
    private final int headDim;
    private final Projection qProj;
    private final Projection kProj;
    private final Projection vProj;
    private final Projection outProj;

    /** @param config W and H */
    public ClipAttention(ClipVisionConfig config) {
        int w = config.hiddenSize();
        heads = config.numAttentionHeads();
        headDim = config.headDim();
        qProj = addChildBlock("q_proj", Projection.withBias(w, w));
        kProj = addChildBlock("k_proj", Projection.withBias(w, w));
        vProj = addChildBlock("v_proj", Projection.withBias(w, w));
        outProj = addChildBlock("out_proj", Projection.withBias(w, w));
    }

    /** @return the attention's output [F, N, W] for x [F, N, W] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray q = LlamaAttention.splitHeads(qProj.apply(ps, x, training), heads); // [F, H, N, D]
        NDArray k = LlamaAttention.splitHeads(kProj.apply(ps, x, training), heads); // [F, H, N, D]
        NDArray v = LlamaAttention.splitHeads(vProj.apply(ps, x, training), heads); // [F, H, N, D]
        NDArray scores = Scalars.div(q.matMul(k.transpose(0, 1, 3, 2)), Math.sqrt(headDim)); // [F, H, N, N]
        return outProj.apply(ps, LlamaAttention.mergeHeads(scores.softmax(-1).matMul(v)), training); // [F, N, W]
    }
}
