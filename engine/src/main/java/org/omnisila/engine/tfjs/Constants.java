package org.omnisila.engine.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The constant tensors of a loaded graph, by {@code Const} node name, plus those derived from them at
 * load time (a filter re-laid-out for PyTorch is stored once under {@code name#layout}). Owned by the
 * model: runs read them and never free them.
 */
public final class Constants {

    private final Map<String, NDArray> values = new HashMap<>();

    void put(String node, NDArray value) {
        values.put(node, value);
    }

    /** @return whether the tensor is a constant (output 0 of a Const node or a derived constant) */
    public boolean has(TensorRef ref) {
        return ref.index() == 0 && values.containsKey(ref.node());
    }

    /** @return the constant a node produces, or null when it is not a constant */
    public NDArray get(String node) {
        return values.get(node);
    }

    /**
     * A constant computed from another once, shared by every node asking for the same derivation.
     *
     * @param source a constant
     * @param tag names the derivation, e.g. {@code OIHW}
     * @param derive computes the new constant from the source
     * @return the reference to read instead of {@code source}
     */
    public TensorRef derive(TensorRef source, String tag, UnaryOperator<NDArray> derive) {
        String name = source.node() + "#" + tag;
        values.computeIfAbsent(name, n -> {
            // The derivation's intermediates (a transposed view, a flat copy) belong to the model's manager like
            // their receiver, and would stay there until the model is closed: free them now.
            try (NDScope intermediates = new NDScope()) {
                NDArray derived = derive.apply(values.get(source.node()));
                NDScope.unregister(derived);
                return derived;
            }
        });
        return new TensorRef(name, 0);
    }

    /** @return the names of the constants held, derived ones included (a copy) */
    public Set<String> names() {
        return Set.copyOf(values.keySet());
    }

    /** Frees a constant nothing reads any more. */
    void remove(String node) {
        NDArray v = values.remove(node);
        if (v != null) {
            v.close();
        }
    }

    /** @return the number of constant tensors held, derived ones included */
    public int size() {
        return values.size();
    }

    void closeAll() {
        values.values().forEach(NDArray::close);
        values.clear();
    }
}
