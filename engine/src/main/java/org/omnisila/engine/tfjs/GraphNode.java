package org.omnisila.engine.tfjs;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of a TF.js graph model's {@code modelTopology.node} list.
 *
 * @param name unique within the graph
 * @param op the TensorFlow op, e.g. {@code _FusedConv2D}
 * @param inputs the tensors it reads, in order (control inputs left out)
 * @param attrs its attributes
 */
public record GraphNode(String name, String op, List<TensorRef> inputs, NodeAttrs attrs) {

    public GraphNode {
        inputs = List.copyOf(inputs);
    }

    /**
     * @param k input position
     * @return the k-th input
     * @throws TfjsModelException when the node has fewer inputs
     */
    public TensorRef input(int k) {
        if (k >= inputs.size()) {
            throw new TfjsModelException("Node " + name + " (op " + op + ") has " + inputs.size()
                    + " inputs; input " + k + " is needed");
        }
        return inputs.get(k);
    }

    /** @return this node with one input replaced (used when a constant is re-laid-out at load time) */
    public GraphNode withInput(int k, TensorRef ref) {
        List<TensorRef> in = new ArrayList<>(inputs);
        in.set(k, ref);
        return new GraphNode(name, op, in, attrs);
    }

    @Override
    public String toString() {
        return name + " (op " + op + ")";
    }
}
