package org.omnisila.engine.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One execution of a plan. Each op runs inside an {@code NDScope}, so its temporaries are freed as soon
 * as it returns; its outputs are freed after their last reader has run. Constants and the caller's
 * inputs are never freed here. An array can be held by several nodes (Identity passes its input on), so
 * arrays are counted by identity and closed when no node holds them any more.
 */
final class GraphRun implements AutoCloseable {

    private final String file;
    private final Map<String, NDArray[]> values = new HashMap<>();
    private final Map<String, Integer> readsLeft;
    private final Map<NDArray, Integer> holders = new IdentityHashMap<>();
    private final Set<NDArray> protectedArrays = Collections.newSetFromMap(new IdentityHashMap<>());

    GraphRun(String file, GraphPlan plan) {
        this.file = file;
        this.readsLeft = new HashMap<>(plan.reads());
    }

    /** Makes a constant or an input available under a node name; it is never freed by this run. */
    void provide(String node, NDArray value) {
        protectedArrays.add(value);
        hold(node, new NDArray[] {value});
    }

    /** Makes an array the run made itself (a converted input) available under a node name; freed as usual. */
    void adopt(String node, NDArray value) {
        hold(node, new NDArray[] {value});
    }

    /** Keeps a node's outputs until the end of the run (the caller wants them). */
    void keep(String node) {
        readsLeft.merge(node, 1, Integer::sum);
    }

    /** Runs one node and frees what it was the last to read. */
    void run(GraphNode node, TfOp op) {
        NDArray[] in = new NDArray[node.inputs().size()];
        for (int k = 0; k < in.length; k++) {
            in[k] = value(node, node.inputs().get(k));
        }
        NDArray[] out;
        try (NDScope scope = new NDScope()) {
            out = op.run(node, in);
            NDScope.unregister(out);
        } catch (TfjsModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TfjsModelException("TF.js model " + file + ": node " + node + " failed on inputs "
                    + shapes(in) + ": " + e.getMessage(), e);
        }
        hold(node.name(), out);
        for (TensorRef ref : node.inputs()) {
            if (readsLeft.merge(ref.node(), -1, Integer::sum) == 0) {
                release(ref.node());
            }
        }
    }

    /** The tensor a reference names, which must have been computed. */
    NDArray value(GraphNode reader, TensorRef ref) {
        NDArray[] v = values.get(ref.node());
        if (v == null || ref.index() >= v.length) {
            throw new TfjsModelException("TF.js model " + file + ": node " + reader + " reads " + ref
                    + ", which has not been computed");
        }
        return v[ref.index()];
    }

    /** @return whether the run owns the array (it is neither a constant nor an input of the caller) */
    boolean owns(NDArray a) {
        return !protectedArrays.contains(a);
    }

    private void hold(String node, NDArray[] out) {
        values.put(node, out);
        for (NDArray a : out) {
            holders.merge(a, 1, Integer::sum);
        }
    }

    private void release(String node) {
        NDArray[] v = values.remove(node);
        if (v == null) {
            return;
        }
        for (NDArray a : v) {
            if (holders.merge(a, -1, Integer::sum) == 0) {
                holders.remove(a);
                if (owns(a)) {
                    a.close();
                }
            }
        }
    }

    /** Frees every array the run still holds, except the given ones. */
    void closeExcept(Set<NDArray> keep) {
        for (NDArray a : holders.keySet()) {
            if (owns(a) && !keep.contains(a)) {
                a.close();
            }
        }
        holders.clear();
        values.clear();
    }

    @Override
    public void close() {
        closeExcept(Set.of());
    }

    private static String shapes(NDArray[] in) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < in.length; k++) {
            b.append(k > 0 ? ", " : "").append(in[k].getShape()).append(' ').append(in[k].getDataType());
        }
        return b.append(']').toString();
    }
}
