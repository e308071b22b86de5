package org.omnisila.engine.tfjs;

import ai.djl.ndarray.NDArray;

/**
 * The implementation of one TensorFlow op on DJL NDArrays. Tensors are in TensorFlow's layout: images
 * are NHWC throughout the graph; an op that calls a PyTorch kernel wanting NCHW transposes around it.
 */
public interface TfOp {

    /**
     * Runs the op. Temporary arrays it makes are freed by the caller (an {@code NDScope} around the call);
     * the returned arrays are kept.
     *
     * @param node the node being run (attributes, name for messages)
     * @param inputs the node's input tensors, in order
     * @return the node's outputs, in order
     */
    NDArray[] run(GraphNode node, NDArray[] inputs);

    /**
     * Called once when the model is loaded, before any run. An op may re-lay-out constant inputs here
     * (a convolution's HWIO filter becomes OIHW) and return the node reading the new constant.
     *
     * @param node the node as read from model.json
     * @param constants the model's constant tensors
     * @return the node to run
     */
    default GraphNode prepare(GraphNode node, Constants constants) {
        return node;
    }

    /** @return a one-output op from a function of the inputs */
    static TfOp of(java.util.function.BiFunction<GraphNode, NDArray[], NDArray> f) {
        return (node, inputs) -> new NDArray[] {f.apply(node, inputs)};
    }
}
