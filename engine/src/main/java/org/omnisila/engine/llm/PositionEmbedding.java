package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * CLIP's learned absolute positions ({@code embeddings.position_embedding}, an {@code nn.Embedding} looked up
 * with {@code position_ids} = 0 ... N-1, i.e. the whole table in order).
 *
 * <ul>
 *   <li>input: x [F, N, W] with N = the table's rows
 *   <li>parameter {@code weight}: E [N, W]
 *   <li>output: x + E [F, N, W]
 * </ul>
 */
public final class PositionEmbedding extends SingleInputBlock {
    private final Parameter weight;

    /**
     * @param positions N, 1 + (S / P)^2
     * @param width     W
     */
    public PositionEmbedding(int positions, int width) {
        weight = addParameter("weight", Parameter.Type.WEIGHT, new Shape(positions, width));
    }

    /** @return x + E [F, N, W] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return x.add(value(ps, weight, x, training));
    }
}
