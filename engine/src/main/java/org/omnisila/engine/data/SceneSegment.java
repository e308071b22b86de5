package org.omnisila.engine.data;

import java.util.Arrays;

/**
 * One segment of a video in a scene-feature data set: its time span, its label, and the four scene feature
 * streams of its frames.
 *
 * @param start    start time in seconds
 * @param end      end time in seconds
 * @param label    the sentiment label of the segment (e.g. {@code Normal} where nothing happens)
 * @param features per scene (0 face, 1 action, 2 object, 3 background) a row-major [frames, width_j] array
 */
public record SceneSegment(double start, double end, String label, float[][] features) {
    public SceneSegment {
        if (!(end >= start) || !Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("segment end " + end + " is before start " + start);
        }
        if (features == null || features.length != 4) {
            throw new IllegalArgumentException("a segment needs four scene feature arrays");
        }
        features = features.clone();
    }

    /** Scene {@code j}'s features, [frames, width_j] row-major (a copy). */
    public float[] scene(int j) {
        return features[j].clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SceneSegment s && s.start == start && s.end == end && s.label.equals(label)
                && Arrays.deepEquals(s.features, features);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(start) * 31 + label.hashCode();
    }

    @Override
    public String toString() {
        return "SceneSegment[" + start + ", " + end + ", " + label + "]";
    }
}
