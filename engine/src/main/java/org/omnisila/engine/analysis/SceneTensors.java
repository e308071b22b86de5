package org.omnisila.engine.analysis;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** The collected scene features as the ICM's inputs: per scene x_j [S, T, d_j]. */
final class SceneTensors {
    private SceneTensors() {
    }

    /**
     * @param widths d_j per scene, as the model expects them
     * @param frames T; a segment with fewer sampled frames repeats its last one, extra frames are dropped
     * @throws IllegalArgumentException when a scene's features are not as wide as the model expects
     */
    static NDList of(NDManager manager, List<CollectedSegment> segments, List<Integer> widths, int frames) {
        NDList out = new NDList(widths.size());
        for (int j = 0; j < widths.size(); j++) {
            int d = widths.get(j);
            float[] flat = new float[segments.size() * frames * d];
            for (int s = 0; s < segments.size(); s++) {
                float[][] values = segments.get(s).scenes().get(j).values();
                for (int t = 0; t < frames; t++) {
                    float[] row = values[Math.min(t, values.length - 1)];
                    if (row.length != d) {
                        throw new IllegalArgumentException("scene " + j + " gives " + row.length
                                + " values per frame, the model expects " + d);
                    }
                    System.arraycopy(row, 0, flat, (s * frames + t) * d, d);
                }
            }
            out.add(manager.create(flat, new Shape(segments.size(), frames, d)));
        }
        return out;
    }
}
