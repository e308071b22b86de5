package org.omnisila.engine.icm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The ICM's outputs for one video's S segments as plain arrays: label probabilities (softmax of the logits),
 * presence probabilities (sigmoid of the presence logits) and routing weights P.
 *
 * @param labelProbs [S][C]
 * @param presence   [S]
 * @param routing    [S][L]
 */
public record IcmOutputs(float[][] labelProbs, float[] presence, float[][] routing) {

    /** @param out the model's forward output: logits [S, C], presence logits [S], P [S, L] */
    public static IcmOutputs of(NDList out) {
        return new IcmOutputs(rows(out.get(0).softmax(-1)), out.get(1).getNDArrayInternal().sigmoid().toFloatArray(),
                rows(out.get(2)));
    }

    /** A [N, W] array as N rows of W floats. */
    public static float[][] rows(NDArray a) {
        int n = Math.toIntExact(a.getShape().get(0));
        float[] flat = a.toFloatArray();
        int w = n == 0 ? 0 : flat.length / n;
        float[][] out = new float[n][w];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * w, out[i], 0, w);
        }
        return out;
    }
}
