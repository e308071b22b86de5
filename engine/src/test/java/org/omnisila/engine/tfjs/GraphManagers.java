package org.omnisila.engine.tfjs;

import ai.djl.ndarray.NDManager;
import java.lang.reflect.Field;

/** The manager a loaded TF.js graph keeps its constants on (read through reflection: the model has no getter). */
public final class GraphManagers {
    private GraphManagers() {
    }

    /** @return the manager of {@code graph}'s weights, which lives until the graph is closed */
    public static NDManager of(TfjsGraphModel graph) {
        return (NDManager) field(graph, "manager");
    }

    /** @return how many constant tensors {@code graph} holds, derived ones included */
    static int constants(TfjsGraphModel graph) {
        return ((Constants) field(graph, "constants")).size();
    }

    /** @return the names of {@code graph}'s constants, derived ones ({@code name#layout}) included */
    static java.util.Set<String> constantNames(TfjsGraphModel graph) {
        return ((Constants) field(graph, "constants")).names();
    }

    private static Object field(TfjsGraphModel graph, String name) {
        try {
            Field f = TfjsGraphModel.class.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(graph);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("TfjsGraphModel changed: " + e, e);
        }
    }
}
