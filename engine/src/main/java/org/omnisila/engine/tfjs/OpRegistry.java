package org.omnisila.engine.tfjs;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Op name to implementation. {@link #standard()} holds every op the bundled emotion and CenterNet models
 * use (and a few neighbours of theirs); {@code Const} and {@code Placeholder} are handled by the graph
 * itself and are not in the registry.
 */
public final class OpRegistry {

    private final Map<String, TfOp> ops = new TreeMap<>();

    /** @return the ops this executor implements */
    public static OpRegistry standard() {
        OpRegistry r = new OpRegistry();
        ConvOps.register(r);
        PoolOps.register(r);
        MathOps.register(r);
        ShapeOps.register(r);
        r.register("StridedSlice", new StridedSliceOp());
        r.register("ResizeBilinear", new ResizeBilinearOp());
        return r;
    }

    /**
     * @param op a TensorFlow op name
     * @param impl its implementation
     */
    public void register(String op, TfOp impl) {
        ops.put(op, impl);
    }

    /** @return whether the op is implemented */
    public boolean supports(String op) {
        return ops.containsKey(op);
    }

    /** @return the implemented op names, sorted */
    public Set<String> names() {
        return ops.keySet();
    }

    /**
     * @param node a graph node
     * @param file the model file, for the message
     * @return the implementation of its op
     * @throws TfjsModelException naming the op and the node when the op is not implemented
     */
    public TfOp get(GraphNode node, String file) {
        TfOp op = ops.get(node.op());
        if (op == null) {
            throw new TfjsModelException("TF.js model " + file + ": node " + node.name() + " uses op " + node.op()
                    + ", which this executor does not implement (it implements " + String.join(", ", ops.keySet())
                    + ")");
        }
        return op;
    }
}
