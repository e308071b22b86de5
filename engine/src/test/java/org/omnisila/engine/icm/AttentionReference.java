package org.omnisila.engine.icm;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-Java reference for {@link ScaledAttention}: loops over arrays, no NDArray. Q = x Wq^T + bq,
 * K = x Wk^T, V = x Wv^T + bv (DJL's Linear stores W as [out, in]); per head
 * softmax(Q K^T / sqrt(d_h) + bias) V; heads concatenated.
 */
final class AttentionReference {

    private AttentionReference() {
    }

    /** The unique parameter of {@code block} whose name ends with {@code suffix}, as a flat float array. */
    static float[] parameter(Block block, String suffix) {
        List<String> names = new ArrayList<>();
        float[] found = null;
        for (Pair<String, Parameter> p : block.getParameters()) {
            names.add(p.getKey());
            if (p.getKey().endsWith(suffix)) {
                if (found != null) {
                    throw new IllegalArgumentException("two parameters end with " + suffix + ": " + names);
                }
                found = p.getValue().getArray().toFloatArray();
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("no parameter ends with " + suffix + ": " + names);
        }
        return found;
    }

    /** x [T][in] times W^T ([out][in], flat) plus b [out] (or none). */
    static float[][] project(float[][] x, float[] w, float[] b, int out) {
        int in = x[0].length;
        float[][] y = new float[x.length][out];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) {
                    s += x[t][i] * w[o * in + i];
                }
                y[t][o] = (float) s;
            }
        }
        return y;
    }

    /** Attention weights [h][Tq][Tk] from projected q [Tq][d], k [Tk][d], optional logit bias [Tk]. */
    static double[][][] weights(float[][] q, float[][] k, int heads, float[] bias) {
        int d = q[0].length;
        int dh = d / heads;
        double[][][] a = new double[heads][q.length][k.length];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < q.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k.length; j++) {
                    double s = 0;
                    for (int c = h * dh; c < (h + 1) * dh; c++) {
                        s += q[i][c] * k[j][c];
                    }
                    a[h][i][j] = s / Math.sqrt(dh) + (bias == null ? 0 : bias[j]);
                    max = Math.max(max, a[h][i][j]);
                }
                double sum = 0;
                for (int j = 0; j < k.length; j++) {
                    a[h][i][j] = Math.exp(a[h][i][j] - max);
                    sum += a[h][i][j];
                }
                for (int j = 0; j < k.length; j++) {
                    a[h][i][j] /= sum;
                }
            }
        }
        return a;
    }

    /** Output [Tq][d] of the attention whose parameters are read from {@code block}. */
    static float[][] attend(Block block, float[][] xq, float[][] xkv, int d, int heads, float[] bias) {
        float[][] q = project(xq, parameter(block, "query_weight"), parameter(block, "query_bias"), d);
        float[][] k = project(xkv, parameter(block, "key_weight"), null, d);
        float[][] v = project(xkv, parameter(block, "value_weight"), parameter(block, "value_bias"), d);
        double[][][] a = weights(q, k, heads, bias);
        int dh = d / heads;
        float[][] out = new float[xq.length][d];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < xq.length; i++) {
                for (int c = h * dh; c < (h + 1) * dh; c++) {
                    double s = 0;
                    for (int j = 0; j < xkv.length; j++) {
                        s += a[h][i][j] * v[j][c];
                    }
                    out[i][c] = (float) s;
                }
            }
        }
        return out;
    }

    /** Rows of a flat [rows * cols] array. */
    static float[][] rows(float[] flat, int offset, int rows, int cols) {
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, offset + r * cols, out[r], 0, cols);
        }
        return out;
    }

    /** Row-major flattening. */
    static float[] flat(float[][] x) {
        float[] out = new float[x.length * x[0].length];
        for (int r = 0; r < x.length; r++) {
            System.arraycopy(x[r], 0, out, r * x[0].length, x[0].length);
        }
        return out;
    }
}
