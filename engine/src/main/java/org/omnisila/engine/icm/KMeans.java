package org.omnisila.engine.icm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;

/**
 * Plain, deterministic K-means, used to compress the training embeddings into the IEC global
 * dictionary (paper section 3.3: "we initialize this dictionary by using K-means clustering on all
 * the embeddings of samples in the training set").
 *
 * <p>k-means++ initialisation drawn from a {@link Random} with a fixed seed, then Lloyd iterations
 * (assign each point to its nearest centre, ties to the lower index; move each centre to the mean of
 * its points) until the assignments stop changing or {@code maxIterations} is reached. A cluster
 * that becomes empty is re-seeded with the point farthest from its own centre (taken from a cluster
 * with more than one point). Single-threaded with double accumulation: the same input and seed give
 * the same result bit for bit.
 *
 * <p>Shapes: N points of width d in, K centres [K, d], assignments [N] and sizes [K] out.
 */
public final class KMeans {

    /** Default K, the dictionary size used when none is given. */
    public static final int DEFAULT_CLUSTERS = 64;

    private final int clusters;
    private final int maxIterations;
    private final long seed;

    /**
     * The outcome of one fit.
     *
     * @param centres [K][d] cluster centres (means of their points)
     * @param assignments [N] cluster index of each point
     * @param sizes [K] number of points per cluster, all positive
     * @param iterations Lloyd iterations run
     * @param converged whether the assignments stopped changing before maxIterations
     */
    public record Result(float[][] centres, int[] assignments, int[] sizes, int iterations, boolean converged) {
    }

    private KMeans(Builder builder) {
        this.clusters = builder.clusters;
        this.maxIterations = builder.maxIterations;
        this.seed = builder.seed;
    }

    /** @return a builder with K = 64, 100 iterations and seed 42 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return K */
    public int getClusters() {
        return clusters;
    }

    /**
     * @param points [N, d] embeddings, N >= K
     * @return the clustering
     */
    public Result fit(NDArray points) {
        Shape s = points.getShape();
        if (s.dimension() != 2) {
            throw new IllegalArgumentException("KMeans expects points [N, d], got " + s);
        }
        int n = Math.toIntExact(s.get(0));
        int d = Math.toIntExact(s.get(1));
        float[] flat = points.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return fit(rows);
    }

    /**
     * @param points [N][d] embeddings, N >= K, all rows of the same width
     * @return the clustering
     * @throws IllegalArgumentException when there are fewer than K (distinct) points
     */
    public Result fit(float[][] points) {
        int n = points.length;
        if (n < clusters) {
            throw new IllegalArgumentException("KMeans needs at least K=" + clusters + " points, got N=" + n);
        }
        int d = points[0].length;
        for (int i = 0; i < n; i++) {
            if (points[i].length != d) {
                throw new IllegalArgumentException(
                        "KMeans point " + i + " has width " + points[i].length + ", point 0 has " + d);
            }
        }
        double[][] centres = initialise(points, new Random(seed));
        int[] assignments = new int[n];
        Arrays.fill(assignments, -1);
        int iterations = 0;
        boolean converged = false;
        while (iterations < maxIterations) {
            iterations++;
            if (!assign(points, centres, assignments)) {
                converged = true;
                break;
            }
            update(points, centres, assignments);
        }
        float[][] out = new float[clusters][d];
        for (int c = 0; c < clusters; c++) {
            for (int j = 0; j < d; j++) {
                out[c][j] = (float) centres[c][j];
            }
        }
        return new Result(out, assignments, sizes(assignments), iterations, converged);
    }

    /** k-means++: the first centre uniformly, each next one with probability proportional to D(x)^2. */
    private double[][] initialise(float[][] points, Random random) {
        int n = points.length;
        double[][] centres = new double[clusters][];
        centres[0] = toDouble(points[random.nextInt(n)]);
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 1; c < clusters; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], distance(points[i], centres[c - 1]));
                total += nearest[i];
            }
            if (total == 0) {
                throw tooFewDistinct(points.length);
            }
            double r = random.nextDouble() * total;
            int chosen = n - 1;
            double cumulative = 0;
            for (int i = 0; i < n; i++) {
                cumulative += nearest[i];
                if (nearest[i] > 0 && cumulative > r) {
                    chosen = i;
                    break;
                }
            }
            centres[c] = toDouble(points[chosen]);
        }
        return centres;
    }

    /** Assignment step; @return whether any assignment changed. */
    private static boolean assign(float[][] points, double[][] centres, int[] assignments) {
        boolean changed = false;
        for (int i = 0; i < points.length; i++) {
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centres.length; c++) {
                double dist = distance(points[i], centres[c]);
                if (dist < bestDistance) {
                    bestDistance = dist;
                    best = c;
                }
            }
            if (assignments[i] != best) {
                assignments[i] = best;
                changed = true;
            }
        }
        return changed;
    }

    /** Update step: centres to means; empty clusters re-seeded with the farthest point. */
    private void update(float[][] points, double[][] centres, int[] assignments) {
        int d = points[0].length;
        int[] sizes = sizes(assignments);
        for (int c = 0; c < clusters; c++) {
            if (sizes[c] == 0) {
                int far = -1;
                double farDistance = 0;
                for (int i = 0; i < points.length; i++) {
                    double dist = distance(points[i], centres[assignments[i]]);
                    if (sizes[assignments[i]] > 1 && dist > farDistance) {
                        farDistance = dist;
                        far = i;
                    }
                }
                if (far < 0) {
                    throw tooFewDistinct(points.length);
                }
                sizes[assignments[far]]--;
                assignments[far] = c;
                sizes[c] = 1;
            }
        }
        for (double[] centre : centres) {
            Arrays.fill(centre, 0);
        }
        for (int i = 0; i < points.length; i++) {
            for (int j = 0; j < d; j++) {
                centres[assignments[i]][j] += points[i][j];
            }
        }
        for (int c = 0; c < clusters; c++) {
            for (int j = 0; j < d; j++) {
                centres[c][j] /= sizes[c];
            }
        }
    }

    private int[] sizes(int[] assignments) {
        int[] sizes = new int[clusters];
        for (int a : assignments) {
            sizes[a]++;
        }
        return sizes;
    }

    private IllegalArgumentException tooFewDistinct(int n) {
        return new IllegalArgumentException(
                "KMeans needs at least K=" + clusters + " distinct points; the N=" + n + " points have fewer");
    }

    private static double distance(float[] p, double[] c) {
        double sum = 0;
        for (int j = 0; j < p.length; j++) {
            double diff = p[j] - c[j];
            sum += diff * diff;
        }
        return sum;
    }

    private static double[] toDouble(float[] p) {
        double[] out = new double[p.length];
        for (int j = 0; j < p.length; j++) {
            out[j] = p[j];
        }
        return out;
    }

    /** Builder: every setting is optional; K >= 1, maxIterations >= 1. */
    public static final class Builder {
        private int clusters = DEFAULT_CLUSTERS;
        private int maxIterations = 100;
        private long seed = 42;

        private Builder() {
        }

        /** @param clusters K, the number of centres (default 64) */
        public Builder optClusters(int clusters) {
            this.clusters = clusters;
            return this;
        }

        /** @param maxIterations the most Lloyd iterations (default 100) */
        public Builder optMaxIterations(int maxIterations) {
            this.maxIterations = maxIterations;
            return this;
        }

        /** @param seed the seed of the k-means++ draws (default 42) */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @return the configured K-means */
        public KMeans build() {
            if (clusters < 1) {
                throw new IllegalArgumentException("KMeans clusters (K) must be >= 1, got " + clusters);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("KMeans maxIterations must be >= 1, got " + maxIterations);
            }
            return new KMeans(this);
        }
    }
}
