package org.omnisila.engine.icm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The global dictionary of the IEC cross-sampling attention (paper section 3.3, eq. 4): K cluster
 * centres c_k "compressed from the whole training dataset" by K-means over the training embeddings,
 * with their prior p(c_k) = |cluster k| / N.
 *
 * <p>Shapes: K entries of width d.
 *
 * <ul>
 *   <li>centres: [K, d], stored as {@value #CENTRES}
 *   <li>prior: [K], positive, sums to 1, stored as {@value #PRIOR}
 * </ul>
 *
 * <p>Immutable; the arrays live in Java memory and are materialised on the manager of each forward
 * pass, so a dictionary can be set on a block, saved next to a checkpoint (safetensors, see
 * {@link #encode()}) and shared between models without NDManager lifetimes getting in the way.
 */
public final class CausalDictionary {

    /** Name of the centres array [K, d] in an NDList or safetensors file. */
    public static final String CENTRES = "iec.dictionary.centres";
    /** Name of the prior array [K] in an NDList or safetensors file. */
    public static final String PRIOR = "iec.dictionary.prior";

    private final int size;
    private final int dim;
    private final float[] centres;
    private final float[] prior;

    /**
     * @param centres [K][d] cluster centres, K >= 1, equal widths, finite
     * @param prior [K] p(c_k), each > 0, summing to 1 within 1e-3
     */
    public CausalDictionary(float[][] centres, float[] prior) {
        if (centres.length == 0 || centres[0].length == 0) {
            throw new IllegalArgumentException("CausalDictionary needs K >= 1 centres of width d >= 1");
        }
        this.size = centres.length;
        this.dim = centres[0].length;
        if (prior.length != size) {
            throw new IllegalArgumentException(
                    "CausalDictionary prior has " + prior.length + " entries for K=" + size + " centres");
        }
        this.centres = new float[size * dim];
        for (int k = 0; k < size; k++) {
            if (centres[k].length != dim) {
                throw new IllegalArgumentException(
                        "CausalDictionary centre " + k + " has width " + centres[k].length + ", centre 0 has " + dim);
            }
            for (int j = 0; j < dim; j++) {
                if (!Float.isFinite(centres[k][j])) {
                    throw new IllegalArgumentException("CausalDictionary centre " + k + " is not finite at " + j);
                }
            }
            System.arraycopy(centres[k], 0, this.centres, k * dim, dim);
        }
        double sum = 0;
        for (int k = 0; k < size; k++) {
            if (!(prior[k] > 0) || !Float.isFinite(prior[k])) {
                throw new IllegalArgumentException("CausalDictionary prior[" + k + "] must be > 0, got " + prior[k]);
            }
            sum += prior[k];
        }
        if (Math.abs(sum - 1) > 1e-3) {
            throw new IllegalArgumentException("CausalDictionary prior must sum to 1, sums to " + sum);
        }
        this.prior = prior.clone();
    }

    /**
     * Runs K-means over the training embeddings and keeps centres and cluster frequencies.
     *
     * @param embeddings [N][d] training embeddings (the fused scene features of training samples)
     * @param kMeans the clustering, whose K is the dictionary size
     * @return the dictionary
     */
    public static CausalDictionary build(float[][] embeddings, KMeans kMeans) {
        return fromClusters(kMeans.fit(embeddings));
    }

    /**
     * @param embeddings [N, d] training embeddings
     * @param kMeans the clustering, whose K is the dictionary size
     * @return the dictionary
     */
    public static CausalDictionary build(NDArray embeddings, KMeans kMeans) {
        return fromClusters(kMeans.fit(embeddings));
    }

    /** @return centres and prior = sizes / N of a K-means result */
    public static CausalDictionary fromClusters(KMeans.Result clusters) {
        int n = clusters.assignments().length;
        float[] prior = new float[clusters.sizes().length];
        for (int k = 0; k < prior.length; k++) {
            prior[k] = (float) clusters.sizes()[k] / n;
        }
        return new CausalDictionary(clusters.centres(), prior);
    }

    /** @return K, the number of entries */
    public int size() {
        return size;
    }

    /** @return d, the width of each centre */
    public int dim() {
        return dim;
    }

    /** @return a copy of the centres [K][d] */
    public float[][] centres() {
        float[][] out = new float[size][dim];
        for (int k = 0; k < size; k++) {
            System.arraycopy(centres, k * dim, out[k], 0, dim);
        }
        return out;
    }

    /** @return a copy of the prior p(c) [K] */
    public float[] prior() {
        return prior.clone();
    }

    /** @return E[c] = sum_k p(c_k) c_k [d], the value of the interventions do(x_j := E[c]) */
    public float[] expectation() {
        double[] sum = new double[dim];
        for (int k = 0; k < size; k++) {
            for (int j = 0; j < dim; j++) {
                sum[j] += (double) prior[k] * centres[k * dim + j];
            }
        }
        float[] out = new float[dim];
        for (int j = 0; j < dim; j++) {
            out[j] = (float) sum[j];
        }
        return out;
    }

    /** @return the centres as a [K, d] float32 array on {@code manager} */
    public NDArray centres(NDManager manager) {
        return manager.create(centres, new Shape(size, dim));
    }

    /** @return log p(c) as a [K] float32 array on {@code manager}, the additive logit bias of eq. (4) */
    public NDArray logPrior(NDManager manager) {
        return manager.create(prior, new Shape(size)).log();
    }

    /** @return the named arrays {@value #CENTRES} [K, d] and {@value #PRIOR} [K] on {@code manager} */
    public NDList toNDList(NDManager manager) {
        NDArray c = centres(manager);
        c.setName(CENTRES);
        NDArray p = manager.create(prior, new Shape(size));
        p.setName(PRIOR);
        return new NDList(c, p);
    }

    /**
     * Reads the two arrays by name (their order does not matter; other arrays are ignored).
     *
     * @param list an NDList holding {@value #CENTRES} [K, d] and {@value #PRIOR} [K]
     * @return the dictionary
     */
    public static CausalDictionary fromNDList(NDList list) {
        NDArray c = named(list, CENTRES);
        NDArray p = named(list, PRIOR);
        Shape cs = c.getShape();
        if (cs.dimension() != 2 || p.getShape().dimension() != 1 || p.getShape().get(0) != cs.get(0)) {
            throw new IllegalArgumentException(
                    "CausalDictionary arrays must be centres [K, d] and prior [K], got " + cs + " and " + p.getShape());
        }
        int k = Math.toIntExact(cs.get(0));
        int d = Math.toIntExact(cs.get(1));
        float[] flat = c.toType(DataType.FLOAT32, false).toFloatArray();
        float[][] rows = new float[k][d];
        for (int i = 0; i < k; i++) {
            System.arraycopy(flat, i * d, rows[i], 0, d);
        }
        return new CausalDictionary(rows, p.toType(DataType.FLOAT32, false).toFloatArray());
    }

    /** @return the dictionary as safetensors bytes, to be saved beside the checkpoint */
    public byte[] encode() {
        try (NDManager manager = NDManager.newBaseManager()) {
            return toNDList(manager).encode(NDList.Encoding.SAFETENSORS);
        }
    }

    /** @return the dictionary read from safetensors (or npz) bytes written by {@link #encode()} */
    public static CausalDictionary decode(byte[] bytes) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return fromNDList(NDList.decode(manager, bytes));
        }
    }

    private static NDArray named(NDList list, String name) {
        for (NDArray array : list) {
            if (name.equals(array.getName())) {
                return array;
            }
        }
        throw new IllegalArgumentException("CausalDictionary array '" + name + "' is missing; found "
                + list.stream().map(NDArray::getName).toList());
    }
}
