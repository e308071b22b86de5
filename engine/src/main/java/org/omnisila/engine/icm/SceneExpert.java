package org.omnisila.engine.icm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * One scene expert of the Scene-Balanced MoE, h_i = Expert_i(x_i) (paper section 3.2): FEE, HAE,
 * ORE or VBE, "a stack of transformer layers" over the frames of one segment.
 *
 * <p>Named dimensions: B = batch, T = frames (8 per segment, at most {@code maxFrames}), d_in = the
 * width of this scene's features (each scene has its own), d = hidden size, F = feed-forward size.
 *
 * <ul>
 *   <li>Input: {@code x_i} [B, T, d_in].
 *   <li>Parameters: {@code projection} weight [d, d_in], bias [d]; {@code positions} [maxFrames,
 *       d], a learned position embedding; {@code layer_0 .. layer_{n-1}}, each a {@link
 *       SceneEncoderLayer}; {@code finalNorm} gamma, beta [d] (the closing norm of a pre-norm stack).
 *   <li>Output: {@code h_i} [B, T, d].
 * </ul>
 */
public final class SceneExpert extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int inputSize;
    private final int hiddenSize;
    private final int maxFrames;
    private final Linear projection;
    private final Parameter positions;
    private final List<SceneEncoderLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;

    private SceneExpert(Builder b) {
        super(VERSION);
        this.inputSize = b.inputSize;
        this.hiddenSize = b.hiddenSize;
        this.maxFrames = b.maxFrames;
        projection = addChildBlock("projection", Linear.builder().setUnits(hiddenSize).build());
        positions =
                addParameter(
                        Parameter.builder()
                                .setName("positions")
                                .setType(Parameter.Type.WEIGHT)
                                .optInitializer(new NormalInitializer(0.02f))
                                .optShape(new Shape(maxFrames, hiddenSize))
                                .build());
        for (int i = 0; i < b.layers; i++) {
            layers.add(
                    addChildBlock(
                            "layer_" + i,
                            new SceneEncoderLayer(hiddenSize, b.heads, b.feedForwardSize, b.dropout)));
        }
        finalNorm = addChildBlock("finalNorm", LayerNorm.builder().axis(2).build());
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns d_in, the feature width this expert reads.
     *
     * @return the input width
     */
    public int getInputSize() {
        return inputSize;
    }

    /**
     * Returns d, the width of this expert's output.
     *
     * @return the hidden size
     */
    public int getHiddenSize() {
        return hiddenSize;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow(); // [B, T, d_in]
        checkInput(x.getShape());
        long frames = x.getShape().get(1);
        NDArray pos = ps.getValue(positions, x.getDevice(), training).get(new NDIndex("0:{}", frames)); // [T, d]
        pos.attach(x.getManager()); // a new array on the parameter's manager (the model's, for its life): the pass's
        NDArray h = projection.forward(ps, new NDList(x), training).head().add(pos); // [B, T, d]
        for (SceneEncoderLayer layer : layers) {
            h = layer.forward(ps, new NDList(h), training).head(); // [B, T, d]
        }
        return finalNorm.forward(ps, new NDList(h), training); // [B, T, d]
    }

    private void checkInput(Shape x) {
        if (x.dimension() != 3 || x.get(2) != inputSize || x.get(1) < 1 || x.get(1) > maxFrames) {
            throw new IllegalArgumentException(
                    "scene expert expects [B, T <= " + maxFrames + ", " + inputSize + "], got " + x);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), x.get(1), hiddenSize)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        checkInput(inputShapes[0]);
        projection.initialize(manager, dataType, inputShapes[0]);
        Shape hidden = getOutputShapes(inputShapes)[0]; // [B, T, d]
        for (SceneEncoderLayer layer : layers) {
            layer.initialize(manager, dataType, hidden);
        }
        finalNorm.initialize(manager, dataType, hidden);
    }

    /** Builder: {@code setX} for what is required, {@code optX} for what has a default. */
    public static final class Builder extends ExpertShapeBuilder<Builder> {
        private int inputSize;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets d_in, the width of this scene's features.
         *
         * @param inputSize the input width, &gt; 0
         * @return this builder
         */
        public Builder setInputSize(int inputSize) {
            this.inputSize = inputSize;
            return this;
        }

        /**
         * Checks the settings and builds the expert.
         *
         * @return the expert
         * @throws IllegalArgumentException naming the offending values
         */
        public SceneExpert build() {
            if (inputSize <= 0 || hiddenSize <= 0 || layers <= 0 || heads <= 0 || maxFrames <= 0) {
                throw new IllegalArgumentException(
                        "input size, hidden size, layers, heads and max frames must be > 0, got "
                                + inputSize + ", " + hiddenSize + ", " + layers + ", " + heads
                                + ", " + maxFrames);
            }
            if (hiddenSize % heads != 0) {
                throw new IllegalArgumentException(
                        "hidden size " + hiddenSize + " is not a multiple of heads " + heads);
            }
            if (!(dropout >= 0f && dropout < 1f)) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
            if (feedForwardSize == -1) {
                feedForwardSize = 4 * hiddenSize;
            } else if (feedForwardSize <= 0) {
                throw new IllegalArgumentException("feed-forward size must be > 0, got " + feedForwardSize);
            }
            return new SceneExpert(this);
        }
    }
}
