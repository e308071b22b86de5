package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * PyTorch's {@code nn.LayerNorm} over the last dimension, with weight and bias (CLIP's {@code pre_layrnorm},
 * {@code layer_norm1}, {@code layer_norm2}).
 *
 * <ul>
 *   <li>input: x [..., d]
 *   <li>parameters: {@code weight} g [d], {@code bias} b [d]
 *   <li>output: g * (x - mean) / sqrt(var + eps) + b [..., d], var the biased variance over d
 * </ul>
 */
public final class LayerNorm extends SingleInputBlock {
    private final double eps;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param size d
     * @param eps  added to the variance before the root
     */
    public LayerNorm(int size, double eps) {
        if (size <= 0 || !(eps > 0)) {
            throw new IllegalArgumentException("LayerNorm needs size > 0 and eps > 0, got " + size + ", " + eps);
        }
        this.eps = eps;
        weight = addParameter("weight", Parameter.Type.GAMMA, new Shape(size));
        bias = addParameter("bias", Parameter.Type.BETA, new Shape(size));
    }

    /** @return the normalised x [..., d] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        int last = x.getShape().dimension() - 1;
        NDArray centred = x.sub(x.mean(new int[] {last}, true)); // [..., d]
        NDArray variance = centred.square().mean(new int[] {last}, true); // [..., 1]
        NDArray normed = centred.div(variance.add(eps).sqrt()); // [..., d]
        return normed.mul(value(ps, weight, x, training)).add(value(ps, bias, x, training)); // [..., d]
    }
}
