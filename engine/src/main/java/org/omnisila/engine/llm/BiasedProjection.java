package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

/**
 * A linear map with bias, PyTorch's {@code nn.Linear} (CLIP's {@code q_proj} ... {@code out_proj}, {@code fc1},
 * {@code fc2}; the projector's two layers). {@link Projection} is the same without bias.
 *
 * <ul>
 *   <li>input: x [..., in]
 *   <li>parameters: {@code weight} W [out, in], {@code bias} b [out]
 *   <li>output: x W^T + b [..., out]
 * </ul>
 */
public final class BiasedProjection extends SingleInputBlock {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param in  the input width
     * @param out the output width
     */
    public BiasedProjection(int in, int out) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("projection widths must be > 0, got in " + in + ", out " + out);
        }
        this.in = in;
        this.out = out;
        weight = addParameter("weight", Parameter.Type.WEIGHT, new Shape(out, in));
        bias = addParameter("bias", Parameter.Type.BIAS, new Shape(out));
    }

    /** @return x W^T + b [..., out] for x [..., in] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return Linear.linear(x, value(ps, weight, x, training), value(ps, bias, x, training)).head();
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
