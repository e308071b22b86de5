package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;

/**
 * The token embedding ({@code model.embed_tokens}): a row of the table per token id.
 *
 * <ul>
 *   <li>input: token ids [B, T], int64
 *   <li>parameter {@code weight}: E [V, d]
 *   <li>output: E[ids] [B, T, d]
 * </ul>
 */
public final class TokenEmbedding extends SingleInputBlock {
    private final int hidden;
    private final Parameter weight;

    /** @param config V and d */
    public TokenEmbedding(LlamaConfig config) {
        hidden = config.hiddenSize();
        weight = addParameter("weight", Parameter.Type.WEIGHT, new Shape(config.vocabSize(), hidden));
    }

    /** @return the embeddings [B, T, d] of {@code ids} [B, T] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray ids, boolean training) {
        NDArray table = table(ps, ids, training);
        // PyTorch's engine puts the result on the table's manager (the model's): moved to the pass's
        return passLocal(Embedding.embedding(ids, table, SparseFormat.DENSE).head(), table, ids); // [B, T, d]
    }

    /** @return E [V, d], which a tied output head multiplies with */
    NDArray table(ParameterStore ps, NDArray like, boolean training) {
        return value(ps, weight, like, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(hidden)};
    }
}
