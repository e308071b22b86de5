package org.omnisila.engine.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The synthetic benchmark has the paper's premise: implicit scenes identify the label, the face alone does not.
 * Checked with a nearest-class-centroid classifier on frame-averaged features (no neural network involved).
 */
class SyntheticPremiseTest {
    private static final SceneDataset DATA = SyntheticScenes.generate(SyntheticScenes.defaults(300, 11));

    @Test
    void implicitScenesIdentifyTheLabelAndTheFaceDoesNot() {
        // On event segments (11 crime classes, chance 1/11), with the default confounder strength.
        double implicit = centroidAccuracy(new int[] {1, 2, 3}, false);
        double face = centroidAccuracy(new int[] {0}, false);
        assertTrue(implicit > 0.6, "implicit scenes: " + implicit);
        assertTrue(face < 0.25, "face only: " + face);
        // Normal segments are told apart by the implicit scenes too.
        double normal = centroidAccuracy(new int[] {1, 2, 3}, true);
        assertTrue(normal > 0.6, "Normal segments, implicit scenes: " + normal);
    }

    /**
     * Accuracy of the nearest train centroid over the given scenes, on the test segments that are Normal
     * ({@code normalToo}) or on those that are not.
     */
    private static double centroidAccuracy(int[] scenes, boolean normalToo) {
        Map<String, double[]> sums = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (SceneVideo v : DATA.subset("train")) {
            for (SceneSegment s : v.segments()) {
                double[] x = pooled(s, scenes);
                double[] sum = sums.computeIfAbsent(s.label(), k -> new double[x.length]);
                for (int d = 0; d < x.length; d++) {
                    sum[d] += x[d];
                }
                counts.merge(s.label(), 1, Integer::sum);
            }
        }
        sums.forEach((label, sum) -> {
            for (int d = 0; d < sum.length; d++) {
                sum[d] /= counts.get(label);
            }
        });
        int correct = 0;
        int total = 0;
        for (SceneVideo v : DATA.subset("test")) {
            for (SceneSegment s : v.segments()) {
                double[] x = pooled(s, scenes);
                String best = null;
                double bestDist = Double.POSITIVE_INFINITY;
                for (Map.Entry<String, double[]> e : sums.entrySet()) {
                    double dist = 0;
                    for (int d = 0; d < x.length; d++) {
                        dist += (x[d] - e.getValue()[d]) * (x[d] - e.getValue()[d]);
                    }
                    if (dist < bestDist) {
                        bestDist = dist;
                        best = e.getKey();
                    }
                }
                if (s.label().equals("Normal") != normalToo) {
                    continue;
                }
                correct += best.equals(s.label()) ? 1 : 0;
                total++;
            }
        }
        return correct / (double) total;
    }

    private static double[] pooled(SceneSegment s, int[] scenes) {
        List<Integer> widths = DATA.sceneWidths();
        int size = 0;
        for (int j : scenes) {
            size += widths.get(j);
        }
        double[] x = new double[size];
        int off = 0;
        for (int j : scenes) {
            int w = widths.get(j);
            float[] f = s.features()[j];
            for (int k = 0; k < DATA.frames(); k++) {
                for (int d = 0; d < w; d++) {
                    x[off + d] += f[k * w + d] / DATA.frames();
                }
            }
            off += w;
        }
        return x;
    }
}
