package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A change of number format that autograd can go back through, as PyTorch's {@code x.to(dtype)} is.
 *
 * <p>Why not {@code NDArray.toType}: on DJL's PyTorch engine (0.35.1) {@code toType} runs {@code tensor.to(...)}
 * under a {@code torch::NoGradGuard} (pytorch-native's {@code torchTo}), so its result has no {@code grad_fn} and
 * the backward pass stops there. In float32 all our casts are no-ops and nothing is lost; in mixed precision (a
 * float16 or bfloat16 base with float32 LoRA pairs and scene block, and the float32 softmax, RMSNorm and loss) every
 * cast lies on the gradient's path. Without this the loss of an fp16 model has no graph at all ("element 0 of tensors
 * does not require grad") and the gradients into the attention's q and k are silently cut.
 *
 * <p>How: a zero tensor of the target type, then {@code add_} of x into it (DJL's {@code addi}, which records the
 * graph). PyTorch casts the in-place result to the target type, and its backward hands the gradient to x cast back
 * to x's type. When grad mode is off (inference) the plain {@code toType} is used: no graph is wanted there.
 */
public final class DifferentiableCast {
    private DifferentiableCast() {
    }

    /**
     * @param x    any float array
     * @param type the format wanted
     * @return x itself when it is of that type already, else x in that type (differentiable when grad mode is on)
     */
    public static NDArray to(NDArray x, DataType type) {
        if (x.getDataType() == type) {
            return x;
        }
        if (!JniUtils.isGradMode()) {
            return x.toType(type, false);
        }
        NDArray out = x.getManager().zeros(x.getShape(), type, x.getDevice());
        out.addi(x);
        return out;
    }
}
