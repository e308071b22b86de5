package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.Map;

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
 *
 * <p>An {@link Adapter} (LoRA, {@code engine.llm.lora}) can be attached: its blocks become children of the
 * projection, so their parameters are named {@code <projection>.<child>.<parameter>} ({@code q_proj.lora_A.weight},
 * PEFT's key), and its output is added to x W^T (+ b). Without one the projection is exactly as above.
 */
public final class Projection extends SingleInputBlock {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;
    private Adapter adapter;

    /** Something added to a projection's output: a LoRA pair (PEFT's {@code LoraLayer} around {@code nn.Linear}). */
    public interface Adapter {
        /** @return the blocks to register as the projection's children, by name, in order */
        Map<String, Block> blocks();

        /**
         * @param x the projection's input [..., in]
         * @return what to add to the projection's output [..., out], or null when it adds nothing (merged)
         */
        NDArray delta(ParameterStore ps, NDArray x, boolean training);
    }

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

    /** @return x W^T (+ b) [..., out] for x [..., in], plus the adapter's output when one is attached */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = value(ps, weight, x, training);
        NDArray y = (bias == null ? Linear.linear(x, w) : Linear.linear(x, w, value(ps, bias, x, training))).head();
        NDArray delta = adapter == null ? null : adapter.delta(ps, x, training);
        return delta == null ? y : y.add(delta);
    }

    /**
     * Attaches an adapter: its blocks become children (not initialised here), its output is added from now on.
     *
     * @throws IllegalStateException when one is attached already
     */
    public void attach(Adapter adapter) {
        if (this.adapter != null) {
            throw new IllegalStateException("this projection has an adapter already");
        }
        adapter.blocks().forEach(this::addChildBlock);
        this.adapter = adapter;
    }

    /** @return the attached adapter, or null */
    public Adapter adapter() {
        return adapter;
    }

    /** @return the weight W [out, in] */
    public Parameter weight() {
        return weight;
    }

    /** @return the input width */
    public int in() {
        return in;
    }

    /** @return the output width */
    public int out() {
        return out;
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
