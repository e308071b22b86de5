package org.omnisila.engine.scene;

/**
 * A compact code of the pose model's heatmaps [39, 64, 64] (the paper's action heatmaps): for each of the
 * {@link #JOINTS} main joints, the peak of sigmoid(heatmap) and its mean over the 2x2 quadrants of the crop
 * (top-left, top-right, bottom-left, bottom-right): {@link #PER_JOINT} values a joint, {@link #WIDTH} in all.
 * The peak says how sure the model is of the joint; the quadrants say roughly where its mass lies.
 */
public final class PoseHeatmaps {

    /** The main joints, BlazePose indices: nose, shoulders, elbows, wrists, hips, knees, ankles. */
    public static final int[] JOINTS = {0, 11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28};
    /** Peak and four quadrant means. */
    public static final int PER_JOINT = 5;
    /** Values of the code. */
    public static final int WIDTH = JOINTS.length * PER_JOINT;
    /** Heatmap channels of the model. */
    public static final int CHANNELS = 39;
    /** Heatmap side of the model. */
    public static final int SIDE = 64;

    private PoseHeatmaps() {
    }

    /**
     * @param heatmaps [39, 64, 64] logits, channel-major, as OpenCV returns {@code Identity_3}
     * @return {@link #WIDTH} values in 0..1
     */
    public static float[] encode(float[] heatmaps) {
        if (heatmaps.length != CHANNELS * SIDE * SIDE) {
            throw new IllegalArgumentException("pose heatmaps are [" + CHANNELS + ", " + SIDE + ", " + SIDE
                    + "], got " + heatmaps.length + " values");
        }
        float[] out = new float[WIDTH];
        int half = SIDE / 2;
        for (int j = 0; j < JOINTS.length; j++) {
            int base = JOINTS[j] * SIDE * SIDE;
            float peak = 0;
            float[] quadrant = new float[4];
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    float p = OpenCvImages.sigmoid(heatmaps[base + y * SIDE + x]);
                    peak = Math.max(peak, p);
                    quadrant[(y / half) * 2 + x / half] += p;
                }
            }
            out[j * PER_JOINT] = peak;
            for (int q = 0; q < 4; q++) {
                out[j * PER_JOINT + 1 + q] = quadrant[q] / (half * half);
            }
        }
        return out;
    }
}
