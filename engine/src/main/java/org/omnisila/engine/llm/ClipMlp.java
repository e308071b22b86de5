package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import org.omnisila.engine.icm.Scalars;

/**
 * CLIP's feed-forward block, Hugging Face's {@code CLIPMLP} ({@code mlp}) with OpenAI's {@code quick_gelu}.
 *
 * <ul>
 *   <li>input: x [F, N, W]
 *   <li>parameters: {@code fc1} [I, W] + [I], {@code fc2} [W, I] + [W]
 *   <li>output: fc2(quick_gelu(fc1(x))) [F, N, W], quick_gelu(z) = z * sigmoid(1.702 z)
 * </ul>
 */
public final class ClipMlp extends SingleInputBlock {
    /** quick_gelu's constant. */
    static final double QUICK_GELU = 1.702;

    private final Projection fc1;
    private final Projection fc2;

    /** @param config W and I */
    public ClipMlp(ClipVisionConfig config) {
        fc1 = addChildBlock("fc1", Projection.withBias(config.hiddenSize(), config.intermediateSize()));
        fc2 = addChildBlock("fc2", Projection.withBias(config.intermediateSize(), config.hiddenSize()));
    }

    /** @return the MLP's output [F, N, W] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return fc2.apply(ps, quickGelu(fc1.apply(ps, x, training)), training); // [F, N, W]
    }

    /** @return z * sigmoid(1.702 z), of z's shape */
    static NDArray quickGelu(NDArray z) {
        return z.mul(Activation.sigmoid(Scalars.mul(z, QUICK_GELU)));
    }
}
