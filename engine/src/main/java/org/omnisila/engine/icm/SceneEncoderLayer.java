package org.omnisila.engine.icm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-norm transformer encoder layer, the unit a {@link SceneExpert} stacks (paper section 3.2:
 * "each scene expert is a stack of transformer layers").
 *
 * <p>Named dimensions: B = batch, T = frames, d = hidden size, N = heads, D = d / N the head size, F
 * = feed-forward size.
 *
 * <ul>
 *   <li>Input: {@code x} [B, T, d].
 *   <li>Parameters: {@code attentionNorm} gamma, beta [d]; {@code query}, {@code key}, {@code
 *       value}, {@code output} weight [d, d], bias [d]; {@code feedForwardNorm} gamma, beta [d];
 *       {@code feedForwardIn} weight [F, d], bias [F]; {@code feedForwardOut} weight [d, F], bias
 *       [d].
 *   <li>Output: [B, T, d] = x + MHA(LN(x)), then + FFN(LN(.)) with a GELU.
 * </ul>
 *
 * <p>Why not DJL's {@code TransformerEncoderBlock}: in 0.35.1 it normalises with {@code BatchNorm}
 * (statistics across the batch, different in training and inference) and its second residual adds
 * the layer's input instead of the attention output, so it is not the usual encoder layer. This
 * layer is the pre-norm variant (GPT-2, ViT), which trains without warm-up on small stacks.
 */
public final class SceneEncoderLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int hiddenSize;
    private final int heads;
    private final int feedForwardSize;
    private final float dropout;
    private final LayerNorm attentionNorm;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final LayerNorm feedForwardNorm;
    private final Linear feedForwardIn;
    private final Linear feedForwardOut;

    /**
     * Creates an encoder layer.
     *
     * @param hiddenSize d, the width of the input and of the output
     * @param heads N, the number of attention heads; must divide d
     * @param feedForwardSize F, the width of the feed-forward layer
     * @param dropout the dropout rate on attention probabilities and on both residual branches
     */
    public SceneEncoderLayer(int hiddenSize, int heads, int feedForwardSize, float dropout) {
        super(VERSION);
        if (hiddenSize <= 0 || heads <= 0 || hiddenSize % heads != 0) {
            throw new IllegalArgumentException(
                    "hidden size must be a positive multiple of heads, got hidden size "
                            + hiddenSize + " and heads " + heads);
        }
        if (feedForwardSize <= 0) {
            throw new IllegalArgumentException("feed-forward size must be > 0, got " + feedForwardSize);
        }
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        this.hiddenSize = hiddenSize;
        this.heads = heads;
        this.feedForwardSize = feedForwardSize;
        this.dropout = dropout;
        attentionNorm = addChildBlock("attentionNorm", LayerNorm.builder().axis(2).build());
        query = addChildBlock("query", linear(hiddenSize));
        key = addChildBlock("key", linear(hiddenSize));
        value = addChildBlock("value", linear(hiddenSize));
        output = addChildBlock("output", linear(hiddenSize));
        feedForwardNorm = addChildBlock("feedForwardNorm", LayerNorm.builder().axis(2).build());
        feedForwardIn = addChildBlock("feedForwardIn", linear(feedForwardSize));
        feedForwardOut = addChildBlock("feedForwardOut", linear(hiddenSize));
    }

    private static Linear linear(int units) {
        return Linear.builder().setUnits(units).optBias(true).build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow(); // [B, T, d]
        NDArray a = attentionNorm.forward(ps, new NDList(x), training).head(); // [B, T, d]
        NDArray attended = selfAttention(ps, a, training); // [B, T, d]
        x = x.add(Dropout.dropout(attended, dropout, training).head()); // [B, T, d]
        NDArray f = feedForwardNorm.forward(ps, new NDList(x), training).head(); // [B, T, d]
        NDArray inner = Activation.gelu(feedForwardIn.forward(ps, new NDList(f), training).head()); // [B, T, F]
        NDArray fed = feedForwardOut.forward(ps, new NDList(inner), training).head(); // [B, T, d]
        return new NDList(x.add(Dropout.dropout(fed, dropout, training).head())); // [B, T, d]
    }

    /** Multi-head scaled dot-product self-attention (Vaswani et al. 2017), no mask: all T frames are seen. */
    @SuppressWarnings("LocalVariableName") // B, T, N, D as in the Javadoc
    private NDArray selfAttention(ParameterStore ps, NDArray a, boolean training) {
        long B = a.getShape().get(0);
        long T = a.getShape().get(1);
        long N = heads;
        long D = hiddenSize / heads;
        NDArray q = splitHeads(query.forward(ps, new NDList(a), training).head(), B, T, N, D); // [B, N, T, D]
        NDArray k = splitHeads(key.forward(ps, new NDList(a), training).head(), B, T, N, D); // [B, N, T, D]
        NDArray v = splitHeads(value.forward(ps, new NDList(a), training).head(), B, T, N, D); // [B, N, T, D]
        NDArray scores = Scalars.div(q.matMul(k.transpose(0, 1, 3, 2)), Math.sqrt(D)); // [B, N, T, T]
        NDArray probs = Dropout.dropout(scores.softmax(3), dropout, training).head(); // [B, N, T, T]
        NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(B, T, N * D); // [B, T, d]
        return output.forward(ps, new NDList(context), training).head(); // [B, T, d]
    }

    @SuppressWarnings("ParameterName")
    private static NDArray splitHeads(NDArray x, long B, long T, long N, long D) {
        return x.reshape(B, T, N, D).transpose(0, 2, 1, 3); // [B, N, T, D]
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0]; // [B, T, d]
        if (x.dimension() != 3 || x.get(2) != hiddenSize) {
            throw new IllegalArgumentException(
                    "encoder layer expects [B, T, " + hiddenSize + "], got " + x);
        }
        Shape inner = new Shape(x.get(0), x.get(1), feedForwardSize); // [B, T, F]
        for (LayerNorm norm : new LayerNorm[] {attentionNorm, feedForwardNorm}) {
            norm.initialize(manager, dataType, x);
        }
        for (Linear l : new Linear[] {query, key, value, output, feedForwardIn}) {
            l.initialize(manager, dataType, x);
        }
        feedForwardOut.initialize(manager, dataType, inner);
    }
}
