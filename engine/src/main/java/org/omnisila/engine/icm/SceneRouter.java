package org.omnisila.engine.icm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The dynamic scene router R of the Scene-Balanced MoE: g(h) = P = softmax(W h), W in R^{L x d}
 * (paper section 3.2, the line after equation (1)).
 *
 * <p>Named dimensions: B = batch, L = number of scene experts, T = frames, d = expert hidden size.
 *
 * <ul>
 *   <li>Input: the L expert outputs E_j [B, T, d], as an {@link NDList} of L arrays.
 *   <li>Parameters: {@code gate} weight W [L, d], no bias (the paper writes W h, nothing added).
 *   <li>Output: P [B, L], each row a probability distribution over the experts.
 * </ul>
 *
 * <p>What h is: the paper routes "input features h of four scene experts" with W in R^{L x d}, so h
 * must be d wide, one vector per sample. We take h = the mean of the expert outputs over the L
 * experts and the T frames ({@link #summary}): it keeps the paper's W shape, gives each expert an
 * equal say in h whatever its input width, and routes once per segment, so P is one weight per
 * scene and segment (what the UI shows). Concatenating the L time-means would need W in R^{L x Ld},
 * which the paper does not write.
 */
public final class SceneRouter extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int experts;
    private final int hiddenSize;
    private final Linear gate;

    /**
     * Creates a router.
     *
     * @param experts L, the number of scene experts, &gt; 1
     * @param hiddenSize d, the hidden size of every expert, &gt; 0
     */
    public SceneRouter(int experts, int hiddenSize) {
        super(VERSION);
        if (experts < 2 || hiddenSize <= 0) {
            throw new IllegalArgumentException(
                    "router needs at least 2 experts and hidden size > 0, got " + experts
                            + " experts and hidden size " + hiddenSize);
        }
        this.experts = experts;
        this.hiddenSize = hiddenSize;
        gate = addChildBlock("gate", Linear.builder().setUnits(experts).optBias(false).build());
    }

    /**
     * The router's input h: the mean of the expert outputs over experts and frames.
     *
     * @param expertOutputs the L arrays E_j [B, T, d]
     * @return h [B, d]
     */
    @SuppressWarnings("LocalVariableName") // B, L, T, d as in the class Javadoc
    public static NDArray summary(NDList expertOutputs) {
        NDArray stacked = NDArrays.stack(expertOutputs, 1); // [B, L, T, d]
        Shape s = stacked.getShape();
        long B = s.get(0);
        long L = s.get(1);
        long T = s.get(2);
        long d = s.get(3);
        // mean over two axes at once throws on PyTorch ("Only 1 axis is support"): flatten first
        return stacked.reshape(B, L * T, d).mean(new int[] {1}); // [B, d]
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        checkInputs(inputs.getShapes());
        NDArray h = summary(inputs); // [B, d]
        NDArray logits = gate.forward(ps, new NDList(h), training).head(); // [B, L] = W h
        return new NDList(logits.softmax(1)); // [B, L] = P
    }

    private void checkInputs(Shape[] shapes) {
        if (shapes.length != experts) {
            throw new IllegalArgumentException(
                    "router expects " + experts + " expert outputs, got " + shapes.length);
        }
        for (Shape s : shapes) {
            if (s.dimension() != 3 || s.get(2) != hiddenSize || !s.equals(shapes[0])) {
                throw new IllegalArgumentException(
                        "router expects equal shapes [B, T, " + hiddenSize + "], got "
                                + java.util.Arrays.toString(shapes));
            }
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), experts)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        checkInputs(inputShapes);
        gate.initialize(manager, dataType, new Shape(inputShapes[0].get(0), hiddenSize)); // [B, d]
    }
}
