package org.omnisila.engine.eval.text;

/**
 * Sentence embeddings from token embeddings, as sentence-transformers does for all-MiniLM-L6-v2
 * (its {@code Pooling(mode_mean_tokens)} then {@code Normalize}), in plain Java.
 *
 * <p>With B sentences, T tokens (padded) and D dimensions:
 *
 * <pre>
 *   u[b] = sum_t mask[b,t] * h[b,t,:] / max(sum_t mask[b,t], 1e-9)
 *   e[b] = u[b] / max(||u[b]||_2, 1e-12)
 * </pre>
 */
final class MeanPooling {

    private MeanPooling() {
    }

    /**
     * @param hidden token embeddings, row-major [B, T, D]
     * @param mask attention mask, row-major [B, T], 1 for a real token and 0 for padding
     * @param batch B
     * @param tokens T
     * @param dim D
     * @return B unit vectors of D floats (a zero vector stays zero)
     */
    static float[][] poolAndNormalise(float[] hidden, long[] mask, int batch, int tokens, int dim) {
        if (hidden.length != (long) batch * tokens * dim || mask.length != (long) batch * tokens) {
            throw new IllegalArgumentException("expected hidden [" + batch + ", " + tokens + ", " + dim
                    + "] and mask [" + batch + ", " + tokens + "], got " + hidden.length + " and "
                    + mask.length + " values");
        }
        float[][] out = new float[batch][];
        for (int b = 0; b < batch; b++) {
            double[] sum = new double[dim];
            double count = 0;
            for (int t = 0; t < tokens; t++) {
                long m = mask[b * tokens + t];
                if (m == 0) {
                    continue;
                }
                count += m;
                int base = (b * tokens + t) * dim;
                for (int d = 0; d < dim; d++) {
                    sum[d] += m * hidden[base + d];
                }
            }
            out[b] = normalise(sum, Math.max(count, 1e-9));
        }
        return out;
    }

    /** Divides by {@code count}, then by the L2 norm (at least 1e-12), and rounds to float. */
    private static float[] normalise(double[] sum, double count) {
        double squares = 0;
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= count;
            squares += sum[d] * sum[d];
        }
        double norm = Math.max(Math.sqrt(squares), 1e-12);
        float[] unit = new float[sum.length];
        for (int d = 0; d < sum.length; d++) {
            unit[d] = (float) (sum[d] / norm);
        }
        return unit;
    }
}
