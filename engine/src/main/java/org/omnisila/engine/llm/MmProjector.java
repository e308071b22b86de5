package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;

/**
 * LLaVA's {@code mlp2x_gelu} projector ({@code model.mm_projector}, an {@code nn.Sequential(Linear, GELU,
 * Linear)}, hence the children's names {@code 0} and {@code 2}): the vision tokens into the decoder's width.
 *
 * <ul>
 *   <li>input: x [..., W] (vision width, 1024 for ViT-L/14)
 *   <li>children: {@code 0} [d, W] + [d], {@code 2} [d, d] + [d] ({@link Projection}), d the decoder's
 *       hidden size (4096 for Vicuna-7B)
 *   <li>output: 2(gelu(0(x))) [..., d], with the exact GELU, z * (1 + erf(z / sqrt 2)) / 2 ({@code nn.GELU()}'s
 *       default, not the tanh approximation)
 * </ul>
 */
public final class MmProjector extends SingleInputBlock {
    /** Where a LLaVA checkpoint keeps it: {@code model.mm_projector.0.weight} ... */
    public static final String PREFIX = "model.mm_projector.";
    /** Where llava-hf's Video-LLaVA keeps it: {@code multi_modal_projector.linear_1.weight} ... */
    public static final String HF_PREFIX = "multi_modal_projector.";

    private final int hidden;
    private final Projection first;
    private final Projection second;

    /**
     * @param visionWidth W
     * @param hidden      d
     */
    public MmProjector(int visionWidth, int hidden) {
        this(visionWidth, hidden, "0", "2");
    }

    /**
     * The same projector with llava-hf's child names ({@code VideoLlavaMultiModalProjector}: {@code linear_1},
     * GELU, {@code linear_2}), so that its parameters match {@code multi_modal_projector.linear_1.weight} ...
     */
    public static MmProjector llavaHf(int visionWidth, int hidden) {
        return new MmProjector(visionWidth, hidden, "linear_1", "linear_2");
    }

    private MmProjector(int visionWidth, int hidden, String firstName, String secondName) {
        this.hidden = hidden;
        first = addChildBlock(firstName, Projection.withBias(visionWidth, hidden));
        second = addChildBlock(secondName, Projection.withBias(hidden, hidden));
    }

    /** @return the projected tokens [..., d] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return second.apply(ps, Activation.gelu(first.apply(ps, x, training)), training); // [..., d]
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {x.slice(0, x.dimension() - 1).add(hidden)};
    }
}
