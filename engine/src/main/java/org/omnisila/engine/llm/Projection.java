package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

/**
 * A linear map laid out as PyTorch's {@code nn.Linear} and so as every Hugging Face checkpoint stores it: without
 * bias for all of LLaMA's projections ({@code q_proj} ... {@code down_proj}, {@code lm_head}), with bias
 * ({@link #withBias}) for CLIP's ({@code q_proj} ... {@code out_proj}, {@code fc1}, {@code fc2}) and the projector's.
 *
 * <ul>
 *   <li>input: x [..., in]
 *   <li>parameters: {@code weight} W [out, in]; with bias also {@code bias} b [out]
 *   <li>output: x W^T (+ b) [..., out]
 * </ul>
 *
 * <p>Not DJL's {@code Linear}: that one learns its input width from the first input, so its weight has no
 * shape until the block has seen data (see {@link FixedShapeBlock}).
 */
public final class Projection extends SingleInputBlock {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Without bias.
     *
     * @param in  the input width
     * @param out the output width
     */
    public Projection(int in, int out) {
        this(in, out, false);
    }

    /** With bias: {@code nn.Linear(in, out)}. */
    public static Projection withBias(int in, int out) {
        return new Projection(in, out, true);
    }

    private Projection(int in, int out, boolean withBias) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("projection widths must be > 0, got in " + in + ", out " + out);
        }
        this.in = in;
        this.out = out;
        weight = addParameter("weight", Parameter.Type.WEIGHT, new Shape(out, in));
        bias = withBias ? addParameter("bias", Parameter.Type.BIAS, new Shape(out)) : null;
    }

    /** @return x W^T (+ b) [..., out] for x [..., in] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = value(ps, weight, x, training);
        return (bias == null ? Linear.linear(x, w) : Linear.linear(x, w, value(ps, bias, x, training))).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        if (x.get(x.dimension() - 1) != in) {
            throw new IllegalArgumentException("projection expects [..., " + in + "], got " + x);
        }
        return new Shape[] {x.slice(0, x.dimension() - 1).add(out)};
    }
}
