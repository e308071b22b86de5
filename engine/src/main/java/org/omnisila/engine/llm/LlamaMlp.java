package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;

/**
 * The SwiGLU feed-forward block (Shazeer 2020), Hugging Face's {@code LlamaMLP} ({@code mlp}).
 *
 * <ul>
 *   <li>input: x [B, T, d]
 *   <li>parameters: {@code gate_proj} [F, d], {@code up_proj} [F, d], {@code down_proj} [d, F]
 *   <li>output: down_proj(silu(gate_proj(x)) * up_proj(x)) [B, T, d], silu(z) = z * sigmoid(z)
 * </ul>
 */
public final class LlamaMlp extends SingleInputBlock {
    private final Projection gateProj;
    private final Projection upProj;
    private final Projection downProj;

    /** @param config d and F */
    public LlamaMlp(LlamaConfig config) {
        int d = config.hiddenSize();
        int f = config.intermediateSize();
        gateProj = addChildBlock("gate_proj", new Projection(d, f));
        upProj = addChildBlock("up_proj", new Projection(d, f));
        downProj = addChildBlock("down_proj", new Projection(f, d));
    }

    /** @return the MLP's output [B, T, d] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray gate = gateProj.apply(ps, x, training); // [B, T, F]
        NDArray inner = gate.mul(Activation.sigmoid(gate)).mul(upProj.apply(ps, x, training)); // [B, T, F]
        return downProj.apply(ps, inner, training); // [B, T, d]
    }
}
