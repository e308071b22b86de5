package org.omnisila.engine.llm.tuning;

import ai.djl.ndarray.types.DataType;

/**
 * Dynamic loss scaling for float16 training, as PyTorch's {@code torch.cuda.amp.GradScaler} with its defaults
 * (which the Hugging Face Trainer uses with {@code --fp16}): the loss is multiplied by the scale before the backward
 * pass, so that small gradients of float16 activations do not flush to zero; the gradients are divided by it again
 * before clipping and the update. A step whose gradients are not finite is skipped and the scale halved; after
 * 2,000 finite steps in a row the scale doubles. It starts at 2^16.
 *
 * <p>float32 and bfloat16 (float32's exponent range) need no scaling: their scale is 1 and never changes.
 */
public final class LossScale {
    /** GradScaler's {@code init_scale} */
    public static final double INITIAL = 65536.0;
    /** GradScaler's {@code growth_interval} */
    public static final int GROWTH_INTERVAL = 2000;
    private final boolean dynamic;
    private double scale;
    private int finiteInARow;

    private LossScale(boolean dynamic) {
        this.dynamic = dynamic;
        this.scale = dynamic ? INITIAL : 1.0;
    }

    /** @return dynamic scaling for a float16 model, none (scale 1) for float32 and bfloat16 */
    public static LossScale forActivations(DataType type) {
        return new LossScale(type == DataType.FLOAT16);
    }

    /** @return the factor to multiply the loss with now */
    public double value() {
        return scale;
    }

    /** @return whether the scale adapts (float16), so that a non-finite step is skipped rather than fatal */
    public boolean dynamic() {
        return dynamic;
    }

    /** @return finite steps in a row since the scale last changed (saved in a checkpoint) */
    public int finiteInARow() {
        return finiteInARow;
    }

    /**
     * Takes the state of a checkpoint ({@link #value}, {@link #finiteInARow}).
     *
     * @throws IllegalArgumentException for a scale that is not positive, or not 1 without dynamic scaling
     */
    public void restore(double savedScale, int savedFiniteInARow) {
        if (!(savedScale > 0) || (!dynamic && savedScale != 1) || savedFiniteInARow < 0) {
            throw new IllegalArgumentException("cannot restore loss scale " + savedScale + " (" + savedFiniteInARow
                    + " finite steps) into " + (dynamic ? "dynamic" : "no") + " loss scaling");
        }
        scale = savedScale;
        finiteInARow = savedFiniteInARow;
    }

    /**
     * GradScaler's {@code update()} after a step.
     *
     * @param finite whether all gradients (and the loss) were finite, i.e. whether the step was taken
     */
    public void update(boolean finite) {
        if (!dynamic) {
            return;
        }
        if (finite) {
            if (++finiteInARow == GROWTH_INTERVAL) {
                scale *= 2;
                finiteInARow = 0;
            }
        } else {
            scale *= 0.5;
            finiteInARow = 0;
        }
    }
}
