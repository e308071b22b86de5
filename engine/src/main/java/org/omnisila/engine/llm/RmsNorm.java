package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * Root-mean-square layer norm (Zhang and Sennrich 2019), as Hugging Face's {@code LlamaRMSNorm}: no mean is
 * subtracted and there is no bias.
 *
 * <ul>
 *   <li>input: x [..., d]
 *   <li>parameter {@code weight}: g [d]
 *   <li>output: g * x / sqrt(mean(x^2 over d) + eps) [..., d]
 * </ul>
 *
 * <p>The statistics are taken in float32 whatever the model's precision, and the normalised value is cast
 * back before the weight multiplies it, in that order, as Hugging Face does (it matters in fp16).
 */
public final class RmsNorm extends SingleInputBlock {
    private final double eps;
    private final Parameter weight;

    /**
     * @param size d
     * @param eps  added to the mean square before the root
     */
    public RmsNorm(int size, double eps) {
        if (size <= 0 || !(eps > 0)) {
            throw new IllegalArgumentException("RMSNorm needs size > 0 and eps > 0, got " + size + ", " + eps);
        }
        this.eps = eps;
        weight = addParameter("weight", Parameter.Type.GAMMA, new Shape(size));
    }

    /** @return the normalised x [..., d] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return rmsNorm(x, value(ps, weight, x, training), eps);
    }

    /**
     * The functional form.
     *
     * @param x      [..., d]
     * @param weight g [d]
     * @param eps    added to the mean square
     * @return g * x / sqrt(mean(x^2) + eps) [..., d], of x's type
     */
    public static NDArray rmsNorm(NDArray x, NDArray weight, double eps) {
        NDArray x32 = DifferentiableCast.to(x, DataType.FLOAT32); // [..., d]
        NDArray meanSquare = x32.square().mean(new int[] {x.getShape().dimension() - 1}, true); // [..., 1]
        NDArray normed = x32.div(meanSquare.add(eps).sqrt()); // [..., d]
        // normed first: an operation's result belongs to its receiver's manager, and the weight's is the model's
        return DifferentiableCast.to(normed, x.getDataType()).mul(weight); // [..., d]
    }
}
