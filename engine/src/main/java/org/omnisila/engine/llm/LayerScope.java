package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.UnaryOperator;

/**
 * Runs one layer of a stack on a manager of its own, so that its intermediate arrays are freed when it ends.
 *
 * <p>DJL frees an array when its manager closes, and every array a pass makes belongs to the pass's manager; so a
 * forward pass through L layers would keep every intermediate of every layer (the float32 copies of the attention
 * scores, RMSNorm's squares, LoRA's casts ...) until the whole step ends, several times what autograd needs. Closing
 * a DJL array only drops DJL's reference: a tensor that autograd saved for the backward pass stays alive through
 * autograd's own reference, and is freed when the backward pass has used it. So a layer run here leaves behind its
 * output (moved to the input's manager) and what autograd keeps, as PyTorch itself would.
 */
public final class LayerScope {
    private LayerScope() {
    }

    /**
     * @param x     the layer's input; it stays on its manager
     * @param layer the layer, from x to its output
     * @return the output, on x's manager
     */
    public static NDArray run(NDArray x, UnaryOperator<NDArray> layer) {
        NDManager outer = x.getManager();
        try (NDManager own = outer.newSubManager()) {
            x.tempAttach(own); // what is computed from x goes to the layer's manager; x returns when it closes
            NDArray y = layer.apply(x);
            y.attach(outer);
            return y;
        }
    }
}
