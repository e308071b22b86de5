package org.omnisila.engine.scene;

/**
 * One person's pose from the pose landmark model, in the frame's pixels.
 *
 * @param x          33 body keypoints' x (BlazePose order: 0 nose ... 11/12 shoulders, 13/14 elbows, 15/16
 *                   wrists, 23/24 hips, 25/26 knees, 27/28 ankles ...), pixels
 * @param y          their y, pixels
 * @param visibility their visibility, 0..1 (sigmoid of the model's logit)
 * @param presence   the model's pose flag, 0..1: how sure it is that a person is in the crop
 * @param heatmap    the compact heatmap code of {@link PoseHeatmaps#encode}
 */
public record Pose(float[] x, float[] y, float[] visibility, float presence, float[] heatmap) {

    /** Body keypoints (the model's 34th to 39th points are for its own tracking and are not kept). */
    public static final int KEYPOINTS = 33;
    public static final int NOSE = 0;
    public static final int LEFT_SHOULDER = 11;
    public static final int RIGHT_SHOULDER = 12;
    public static final int LEFT_WRIST = 15;
    public static final int RIGHT_WRIST = 16;
    public static final int LEFT_HIP = 23;
    public static final int RIGHT_HIP = 24;
    public static final int LEFT_ANKLE = 27;
    public static final int RIGHT_ANKLE = 28;

    public Pose {
        if (x.length != KEYPOINTS || y.length != KEYPOINTS || visibility.length != KEYPOINTS) {
            throw new IllegalArgumentException("a pose has " + KEYPOINTS + " keypoints");
        }
        x = x.clone();
        y = y.clone();
        visibility = visibility.clone();
        heatmap = heatmap.clone();
    }

    @Override
    public float[] x() {
        return x.clone();
    }

    @Override
    public float[] y() {
        return y.clone();
    }

    @Override
    public float[] visibility() {
        return visibility.clone();
    }

    @Override
    public float[] heatmap() {
        return heatmap.clone();
    }
}
