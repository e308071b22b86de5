package org.omnisila.engine.llm;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * How many resources (arrays, sub-managers) a DJL manager holds. An operation's result belongs to the manager of
 * the array it is called on, so {@code parameter.mul(x)} leaves its result on the model's manager until the model is
 * closed: every forward pass would then grow the model's memory. Tests compare this count before and after a pass.
 */
public final class ManagerLeaks {
    private ManagerLeaks() {
    }

    /** @return the number of resources attached to {@code manager} (read through reflection: DJL has no getter) */
    public static int count(NDManager manager) {
        try {
            Field f = BaseNDManager.class.getDeclaredField("resources");
            f.setAccessible(true);
            return ((Map<?, ?>) f.get(manager)).size();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DJL's BaseNDManager changed: " + e, e);
        }
    }

    /** @return the shapes and types of what {@code manager} holds (for a failing test's message) */
    public static String describe(NDManager manager) {
        try {
            Field f = BaseNDManager.class.getDeclaredField("resources");
            f.setAccessible(true);
            StringBuilder out = new StringBuilder();
            for (Object r : ((Map<?, ?>) f.get(manager)).values()) {
                if (r instanceof ai.djl.ndarray.NDArray a) {
                    out.append(a.getShape()).append(a.getDataType()).append(a.hasGradient() ? "g" : "").append(' ');
                } else {
                    out.append(r.getClass().getSimpleName()).append(' ');
                }
            }
            return out.toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DJL's BaseNDManager changed: " + e, e);
        }
    }
}
