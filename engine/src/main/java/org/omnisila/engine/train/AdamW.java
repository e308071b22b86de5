package org.omnisila.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.icm.checkpoint.StoredArray;

/**
 * AdamW (Loshchilov and Hutter 2019) as PyTorch's {@code torch.optim.AdamW} computes it, with its state in the
 * open so that a checkpoint can carry it and a resumed run continues exactly.
 *
 * <p>Per update t = 1, 2, ... and parameter w with gradient g:
 * <pre>
 * g  = clip(g, -clip, +clip)                 element-wise
 * w  = w - lr_t * weightDecay * w             decoupled weight decay
 * m  = beta1 m + (1 - beta1) g
 * v  = beta2 v + (1 - beta2) g^2
 * w  = w - lr_t * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
 * </pre>
 * The update runs as one fused in-place kernel per parameter, the one DJL's own Adam calls ({@code
 * NDArrayEx.adamUpdate} with AdamW's decoupled decay), on our own m and v; that kernel adds eps to sqrt(v)
 * before the bias correction, i.e. the formula above with eps scaled by sqrt(1 - beta2^t), within 1e-6 of it
 * in {@code AdamWTest}. Clipping is done before the kernel. lr_t is given with each update (the caller's schedule, usually evaluated at {@link #steps()}). DJL's own optimizers keep m and v private, which is why this class
 * exists. {@link #state} and {@link #restore} move m, v and t in and out as named arrays ({@code m.NAME},
 * {@code v.NAME}, {@code step}), the content of a checkpoint's {@code optimizer.safetensors}.
 */
public final class AdamW {
    private static final String STEP = "step";

    private final float weightDecay;
    private final float clip;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private int steps;

    /**
     * PyTorch's defaults: beta1 0.9, beta2 0.999, eps 1e-8.
     *
     * @param weightDecay  decoupled weight decay, &gt;= 0
     * @param clip         element-wise gradient clip, &gt; 0 (use {@code Float.POSITIVE_INFINITY} for none)
     */
    public AdamW(float weightDecay, float clip) {
        this(weightDecay, clip, 0.9f, 0.999f, 1e-8f);
    }

    public AdamW(float weightDecay, float clip, float beta1, float beta2, float epsilon) {
        if (!(weightDecay >= 0) || !(clip > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)
                || !(epsilon > 0)) {
            throw new IllegalArgumentException("bad AdamW settings: weight decay " + weightDecay + ", clip " + clip
                    + ", betas " + beta1 + "/" + beta2 + ", eps " + epsilon);
        }
        this.weightDecay = weightDecay;
        this.clip = clip;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** Updates done so far (t of the next update minus one). */
    public int steps() {
        return steps;
    }

    /**
     * One update of every named weight with its gradient; the weights change in place. The moments are kept
     * in the weights' managers.
     *
     * @param lr the learning rate of this update
     */
    public void update(List<String> names, List<NDArray> weights, List<NDArray> gradients, float lr) {
        if (names.size() != weights.size() || names.size() != gradients.size()) {
            throw new IllegalArgumentException("names, weights and gradients differ in number");
        }
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        float biasCorrected = (float) (lr * Math.sqrt(correction2) / correction1);
        for (int i = 0; i < names.size(); i++) {
            NDArray w = weights.get(i);
            NDArray m = moment(first, names.get(i), w);
            NDArray v = moment(second, names.get(i), w);
            try (NDManager scratch = w.getManager().newSubManager()) {
                NDArray g = gradients.get(i);
                if (Float.isFinite(clip)) {
                    g = g.clip(-clip, clip); // ourselves: the fused kernel's own clipGrad did not match the formula
                    g.attach(scratch);
                }
                // one fused in-place kernel per parameter (the one DJL's own Adam calls), on our moments
                w.getNDArrayInternal().adamUpdate(new NDList(w, g, m, v), new NDList(w), lr, biasCorrected,
                        weightDecay, 1f, -1f, beta1, beta2, epsilon, false, true);
            }
        }
    }

    /** m, v of every parameter updated so far and the step count, as named arrays in Java memory. */
    public Map<String, StoredArray> state() {
        Map<String, StoredArray> out = new LinkedHashMap<>();
        first.forEach((name, m) -> out.put("m." + name, new StoredArray(m.getShape(), m.toFloatArray())));
        second.forEach((name, v) -> out.put("v." + name, new StoredArray(v.getShape(), v.toFloatArray())));
        out.put(STEP, new StoredArray(new Shape(1), new float[] {steps})); // exact below 2^24 steps
        return out;
    }

    /**
     * Takes m, v and the step count from {@link #state} output, copying them next to the given weights.
     *
     * @throws IllegalArgumentException when an entry is missing or its shape differs from its weight's
     */
    public void restore(Map<String, StoredArray> state, List<String> names, List<NDArray> weights) {
        StoredArray t = state.get(STEP);
        if (t == null) {
            throw new IllegalArgumentException("optimizer state has no '" + STEP + "' entry");
        }
        first.clear();
        second.clear();
        for (int i = 0; i < names.size(); i++) {
            first.put(names.get(i), copy(state, "m." + names.get(i), weights.get(i)));
            second.put(names.get(i), copy(state, "v." + names.get(i), weights.get(i)));
        }
        steps = (int) t.values()[0];
    }

    private static NDArray copy(Map<String, StoredArray> state, String key, NDArray weight) {
        StoredArray a = state.get(key);
        if (a == null) {
            throw new IllegalArgumentException("optimizer state has no '" + key + "' entry");
        }
        if (!a.shape().equals(weight.getShape())) {
            throw new IllegalArgumentException("optimizer state '" + key + "' has shape " + a.shape()
                    + ", its parameter " + weight.getShape());
        }
        return weight.getManager().create(a.values(), a.shape());
    }

    private static NDArray moment(Map<String, NDArray> moments, String name, NDArray weight) {
        return moments.computeIfAbsent(name, k -> weight.getManager().zeros(weight.getShape()));
    }
}
