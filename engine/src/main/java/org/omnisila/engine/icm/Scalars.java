package org.omnisila.engine.icm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Arithmetic with a number inside a graph that will be differentiated. Use these instead of DJL's
 * {@code mul(Number)}, {@code div(Number)} and {@code maximum(Number)} wherever a gradient flows.
 *
 * <p>Why: on the PyTorch engine (DJL 0.35.1) {@code x.div(2.0)} creates the number as a tensor over a
 * direct {@code ByteBuffer} ({@code from_blob}, no copy), runs the op and closes that tensor at once.
 * PyTorch's autograd has saved the number's tensor for the backward pass (the gradient of x / c is
 * g / c), but the Java buffer behind it is now unreachable: once the garbage collector frees it, the
 * backward pass reads freed memory. The gradient is then silently wrong or NaN, at random, depending
 * on when the collector ran. This was the "non-finite gradient in the attention query and key
 * weights" of docs/model.md: it sat right under the attention's {@code div(sqrt(d))}.
 *
 * <p>Here the number's tensor is attached to the operand's manager instead, so it lives as long as the
 * graph that saved it (for a training step, until the step's manager closes after the update).
 * {@code add} and {@code sub} with a number are safe as DJL has them: their backward does not read
 * the number.
 */
public final class Scalars {
    private Scalars() {
    }

    /** @return x * c, with c kept alive for the backward pass */
    public static NDArray mul(NDArray x, double c) {
        return x.mul(constant(x, c));
    }

    /** @return x / c, with c kept alive for the backward pass */
    public static NDArray div(NDArray x, double c) {
        return x.div(constant(x, c));
    }

    /** @return max(x, c) elementwise, with c kept alive for the backward pass */
    public static NDArray atLeast(NDArray x, double c) {
        return x.maximum(constant(x, c));
    }

    /** A scalar of x's type on x's device, owned by x's manager (closed with it, not before). */
    private static NDArray constant(NDArray x, double c) {
        NDManager manager = x.getManager();
        return x.getDataType() == DataType.FLOAT32 ? manager.create((float) c)
                : manager.create(c).toType(x.getDataType(), false);
    }
}
