package org.omnisila.engine.icm;

/**
 * The settings a scene expert's shape needs, shared by the builders of {@link SceneExpert} (one expert) and
 * {@link SceneBalancedMoE} (four of them): hidden size d, layers, heads, maximum frames, dropout and the
 * feed-forward width F (default 4 d).
 *
 * @param <B> the concrete builder, returned by the setters for chaining
 */
public abstract class ExpertShapeBuilder<B extends ExpertShapeBuilder<B>> {
    protected int hiddenSize;
    protected int layers;
    protected int heads = 4;
    protected int maxFrames = 8;
    protected float dropout;
    protected int feedForwardSize = -1;

    protected ExpertShapeBuilder() {
    }

    protected abstract B self();

    /** @param hiddenSize d, the hidden size of the expert(s) and of their output; a positive multiple of heads */
    public B setHiddenSize(int hiddenSize) {
        this.hiddenSize = hiddenSize;
        return self();
    }

    /** @param layers encoder layers per expert (the paper's full model: 8), &gt; 0 */
    public B setLayers(int layers) {
        this.layers = layers;
        return self();
    }

    /** @param heads attention heads per layer (default 4), dividing the hidden size */
    public B optHeads(int heads) {
        this.heads = heads;
        return self();
    }

    /** @param maxFrames the most frames a segment may have, the length of the position table (default 8) */
    public B optMaxFrames(int maxFrames) {
        this.maxFrames = maxFrames;
        return self();
    }

    /** @param dropout the dropout rate inside the encoder layers (default 0), in [0, 1) */
    public B optDropout(float dropout) {
        this.dropout = dropout;
        return self();
    }

    /** @param feedForwardSize F, the feed-forward width of each layer (default 4 d), &gt; 0 */
    public B optFeedForwardSize(int feedForwardSize) {
        this.feedForwardSize = feedForwardSize;
        return self();
    }

    /** Copies these shape settings onto another builder (the MoE hands them to each expert). */
    protected <O extends ExpertShapeBuilder<O>> O copyShapeTo(O other) {
        other.hiddenSize = hiddenSize;
        other.layers = layers;
        other.heads = heads;
        other.maxFrames = maxFrames;
        other.dropout = dropout;
        other.feedForwardSize = feedForwardSize;
        return other;
    }
}
