package org.omnisila.engine.icm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

/**
 * Which cues of each scene carried the decision: gradient x input relevance (Shrikumar et al. 2016; Ancona et
 * al. 2018) of every scene input element for each segment's top label.
 *
 * <p>For a video with scene inputs x_j [S, T, d_j] and the model's label log-probabilities log p [S, C], the
 * objective is sum_s log p(top_s | video), top_s = argmax_c p[s, c] (held fixed), and
 * <pre>
 * R_j[s, t, k] = x_j[s, t, k] * d objective / d x_j[s, t, k]
 * </pre>
 * A positive R says the element pushed the segment towards its top label, a negative one away from it. For a
 * model linear in x, R sums to the objective minus its value at x = 0 (completeness); for ICM it is the first-
 * order share. The temporal layers let a segment's frames also count towards its neighbours' decisions; those
 * cross-segment terms are part of R, so R reads "evidence in this segment's frames for the video's labels",
 * which for a cue list of a segment is what an analyst checks. The model runs in inference mode (no dropout)
 * and its parameters' gradients are cleared afterwards, so a trainer in progress is not disturbed.
 *
 * <p>Cost: one forward and one backward pass per video.
 */
public final class CueAttribution {
    private CueAttribution() {
    }

    /**
     * @param model  an initialised ICM (with its dictionary when it has an IEC block)
     * @param inputs the video's scene inputs x_j [S, T, d_j], in scene order; not modified
     * @return R_j [S, T, d_j] per scene, on the inputs' manager
     */
    public static NDList relevance(IcmModel model, NDList inputs) {
        NDManager manager = inputs.head().getManager();
        NDList x = new NDList(inputs.size());
        for (NDArray in : inputs) {
            NDArray copy = in.duplicate();
            copy.setRequiresGradient(true);
            x.add(copy);
        }
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray logp = model.forward(new ParameterStore(manager, false), x, false).get(0).logSoftmax(-1);
            NDArray top = logp.stopGradient().argMax(1).oneHot((int) logp.getShape().get(1)); // [S, C]
            collector.backward(logp.mul(top).sum());
        }
        NDList out = new NDList(x.size());
        for (NDArray xi : x) {
            out.add(xi.stopGradient().mul(xi.getGradient()));
        }
        clearParameterGradients(model);
        return out;
    }

    /**
     * Sums relevance over the elements of each cue slot and keeps the supporting part: a frame's d values are
     * {@code slots} consecutive groups of {@code d / slots} (one group per face, person, object ...; one slot
     * for the whole frame), and the weight of a slot is max(0, sum of its R).
     *
     * @param relevance R_j [S, T, d] of one scene
     * @param slots     cue slots per frame; must divide d
     * @return weights [S][T][slots], each &gt;= 0
     */
    public static float[][][] slotWeights(NDArray relevance, int slots) {
        long s = relevance.getShape().get(0);
        long t = relevance.getShape().get(1);
        long d = relevance.getShape().get(2);
        if (slots < 1 || d % slots != 0) {
            throw new IllegalArgumentException(slots + " cue slots do not divide a frame of " + d + " values");
        }
        float[] summed = relevance.reshape(s, t, slots, d / slots).sum(new int[] {3}).maximum(0).toFloatArray();
        float[][][] out = new float[(int) s][(int) t][slots];
        int i = 0;
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < t; b++) {
                for (int k = 0; k < slots; k++) {
                    out[a][b][k] = summed[i++];
                }
            }
        }
        return out;
    }

    private static void clearParameterGradients(IcmModel model) {
        for (Pair<String, Parameter> p : model.getParameters()) {
            NDArray w = p.getValue().getArray();
            if (w.hasGradient()) {
                // The handle, and the zero scalar set() creates on its manager, would stay on the parameter's
                // manager for the model's life: both go with a scratch manager (the buffer stays with the parameter).
                try (NDManager scratch = w.getManager().newSubManager()) {
                    NDArray g = w.getGradient();
                    g.attach(scratch);
                    g.set(new NDIndex("..."), 0);
                }
            }
        }
    }
}
