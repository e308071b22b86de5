package org.omnisila.engine.scene;

import java.util.ArrayList;
import java.util.List;

/**
 * A coarse readable description of a person's action from pose geometry, for the cue text: motion from the
 * hips' speed in body heights per second (running above {@link #RUNNING}, walking above {@link #WALKING},
 * else still), and posture (arms raised: wrists above shoulders; crouching: ankles closer below the hips than
 * half the torso's length). Keypoints count only when their visibility is above {@link #VISIBLE}.
 */
public final class ActionDescriber {

    /** Body heights per second above which a person is running. */
    public static final double RUNNING = 1.5;
    /** Body heights per second above which a person is walking. */
    public static final double WALKING = 0.4;
    /** Visibility a keypoint needs to count. */
    public static final float VISIBLE = 0.5f;

    private ActionDescriber() {
    }

    /**
     * @param number     the person's slot number, from 1
     * @param pose       the pose
     * @param hipSpeed   hips' speed in pixels per second, or NaN when the person was not seen on the
     *                   previous frame
     * @param bodyHeight the person box's height, pixels
     * @return e.g. {@code "person 1: running, arms raised"}
     */
    public static String describe(int number, Pose pose, double hipSpeed, double bodyHeight) {
        List<String> words = new ArrayList<>();
        if (!Double.isNaN(hipSpeed) && bodyHeight > 0) {
            double heights = hipSpeed / bodyHeight;
            words.add(heights > RUNNING ? "running" : heights > WALKING ? "walking" : "still");
        }
        float[] y = pose.y();
        float[] v = pose.visibility();
        boolean left = v[Pose.LEFT_WRIST] > VISIBLE && v[Pose.LEFT_SHOULDER] > VISIBLE
                && y[Pose.LEFT_WRIST] < y[Pose.LEFT_SHOULDER];
        boolean right = v[Pose.RIGHT_WRIST] > VISIBLE && v[Pose.RIGHT_SHOULDER] > VISIBLE
                && y[Pose.RIGHT_WRIST] < y[Pose.RIGHT_SHOULDER];
        if (left && right) {
            words.add("arms raised");
        } else if (left || right) {
            words.add("arm raised");
        }
        if (visible(v, Pose.LEFT_SHOULDER, Pose.RIGHT_SHOULDER, Pose.LEFT_HIP, Pose.RIGHT_HIP, Pose.LEFT_ANKLE,
                Pose.RIGHT_ANKLE)) {
            double shoulders = (y[Pose.LEFT_SHOULDER] + y[Pose.RIGHT_SHOULDER]) / 2;
            double hips = (y[Pose.LEFT_HIP] + y[Pose.RIGHT_HIP]) / 2;
            double ankles = (y[Pose.LEFT_ANKLE] + y[Pose.RIGHT_ANKLE]) / 2;
            if (hips > shoulders && ankles - hips < 0.5 * (hips - shoulders)) {
                words.add("crouching");
            }
        }
        return "person " + number + ": " + (words.isEmpty() ? "pose seen" : String.join(", ", words));
    }

    private static boolean visible(float[] v, int... points) {
        for (int p : points) {
            if (v[p] <= VISIBLE) {
                return false;
            }
        }
        return true;
    }
}
