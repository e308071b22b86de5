package org.omnisila.engine.icm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

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
 * <p>Here the number is made in memory PyTorch owns ({@code torch.full}), so it lives as long as the graph that
 * saved it, whatever happens to the DJL array or its manager.
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

    /**
     * A scalar of x's type on x's device, in memory PyTorch owns ({@code torch.full}): autograd's reference keeps it
     * alive for the backward pass even after its DJL array, and the manager it was made on, are closed (a layer run
     * on its own manager, {@code llm.LayerScope}, closes that manager before the backward pass). An array made with
     * {@code create(float)} would wrap a Java buffer instead, freed with its manager.
     */
    private static NDArray constant(NDArray x, double c) {
        return x.getManager().full(new Shape(), (float) c, x.getDataType());
    }
}
