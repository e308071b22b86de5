package org.omnisila.engine.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The activation functions TensorFlow graphs use, standalone and fused into convolutions. */
final class Activations {

    private Activations() {
    }

    /**
     * @param node the node, for messages and the {@code leakyrelu_alpha} attribute
     * @param name TensorFlow's name: Relu, Relu6, Elu, Sigmoid, Tanh, LeakyRelu, Prelu
     * @param x the input
     * @param preluAlpha Prelu's per-channel slopes (null for other activations)
     * @return the activated tensor
     */
    static NDArray apply(GraphNode node, String name, NDArray x, NDArray preluAlpha) {
        switch (name) {
            case "Relu":
                return Activation.relu(x);
            case "Relu6":
                return x.clip(0, 6);
            case "Elu":
                return Activation.elu(x, 1f);
            case "Sigmoid":
                return Activation.sigmoid(x);
            case "Tanh":
                return Activation.tanh(x);
            case "LeakyRelu":
                return Activation.leakyRelu(x, node.attrs().number("leakyrelu_alpha", node.attrs().number("alpha", 0.2f)));
            case "Prelu":
                if (preluAlpha == null) {
                    throw new TfjsModelException("Node " + node + " fuses Prelu without its alpha argument");
                }
                return x.maximum(0).add(x.minimum(0).mul(preluAlpha));
            default:
                throw new TfjsModelException("Node " + node + " uses activation " + name
                        + ", which this executor does not implement (Relu, Relu6, Elu, Sigmoid, Tanh, LeakyRelu, Prelu)");
        }
    }
}
