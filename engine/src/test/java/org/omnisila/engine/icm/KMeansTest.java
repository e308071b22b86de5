package org.omnisila.engine.icm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** K-means recovers well-separated clusters, is deterministic for a seed and refuses too few points. */
class KMeansTest {

    private static final float[][] TRUE_CENTRES = {{0, 0}, {6, 6}, {-6, 6}};
    private static final int PER_CLUSTER = 30;

    @Test
    void recoversThreeSeparatedClusters() {
        int[] truth = new int[3 * PER_CLUSTER];
        float[][] points = blobs(truth, 1);
        KMeans.Result result = KMeans.builder().optClusters(3).optSeed(7).build().fit(points);

        assertTrue(result.converged());
        int[] labelOf = {-1, -1, -1}; // true label -> found label, must be a bijection
        for (int i = 0; i < points.length; i++) {
            if (labelOf[truth[i]] < 0) {
                labelOf[truth[i]] = result.assignments()[i];
            }
            assertEquals(labelOf[truth[i]], result.assignments()[i], "point " + i + " of true cluster " + truth[i]);
        }
        assertEquals(3, Arrays.stream(labelOf).distinct().count(), Arrays.toString(labelOf));
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(TRUE_CENTRES[c], result.centres()[labelOf[c]], 0.1f, "centre of cluster " + c);
            assertEquals(PER_CLUSTER, result.sizes()[labelOf[c]]);
        }
    }

    @Test
    void sameSeedSameResultAlsoFromAnNDArray() {
        float[][] points = blobs(new int[3 * PER_CLUSTER], 2);
        KMeans kMeans = KMeans.builder().optClusters(5).optSeed(3).build();
        KMeans.Result first = kMeans.fit(points);
        KMeans.Result second = KMeans.builder().optClusters(5).optSeed(3).build().fit(points);
        assertArrayEquals(first.assignments(), second.assignments());
        assertArrayEquals(first.centres(), second.centres());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            KMeans.Result fromArray = kMeans.fit(manager.create(AttentionReference.flat(points), new Shape(90, 2)));
            assertArrayEquals(first.assignments(), fromArray.assignments());
            assertArrayEquals(first.centres(), fromArray.centres());
        }
    }

    @Test
    void tooFewDistinctPointsAreRefusedWithTheCounts() {
        float[][] same = {{1, 1}, {1, 1}, {1, 1}, {2, 2}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeans.builder().optClusters(3).build().fit(same));
        assertTrue(e.getMessage().contains("K=3"), e.getMessage());
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> KMeans.builder().optClusters(5).build().fit(same));
        assertTrue(few.getMessage().contains("N=4"), few.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KMeans.builder().optClusters(0).build());
    }

    /** 30 Gaussian points (sd 0.1) around each true centre; {@code truth} receives the labels. */
    private static float[][] blobs(int[] truth, long seed) {
        Random random = new Random(seed);
        float[][] points = new float[3 * PER_CLUSTER][2];
        for (int i = 0; i < points.length; i++) {
            int c = i % 3; // interleaved so the order of the points says nothing
            truth[i] = c;
            points[i][0] = TRUE_CENTRES[c][0] + (float) (0.1 * random.nextGaussian());
            points[i][1] = TRUE_CENTRES[c][1] + (float) (0.1 * random.nextGaussian());
        }
        return points;
    }
}
