package org.omnisila.engine.llm.run;

import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * Runs inference with PyTorch's grad mode off, as Video-LLaVA's {@code @torch.inference_mode()} / {@code
 * torch.no_grad()} do. Grad mode is per thread in libtorch and on by default, so a fresh thread (the workbench's
 * background thread, a test's) would otherwise record an autograd graph for every parameter that requires a
 * gradient, keeping each step's activations alive. The previous mode is restored afterwards.
 */
final class NoGrad {
    private NoGrad() {
    }

    static <T> T run(Supplier<T> work) {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(was);
        }
    }
}
