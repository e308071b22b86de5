package org.omnisila.engine.scene;

import java.util.ArrayList;
import java.util.List;

/**
 * The skeleton of {@link Pose}'s 33 BlazePose keypoints as MediaPipe draws it: {@code POSE_CONNECTIONS} of
 * MediaPipe's {@code mediapipe/python/solutions/pose_connections.py} (Apache-2.0), 35 bones in that file's order:
 * the face (eyes, ears, mouth), shoulders, arms and hands, torso, legs and feet.
 */
public final class MediaPipePoseConnections {

    /**
     * A bone between two keypoints.
     *
     * @param from a {@link Pose} keypoint index, 0..32
     * @param to   another
     */
    public record Bone(int from, int to) {
    }

    /** MediaPipe's 35 pose connections. */
    public static final List<Bone> POSE_CONNECTIONS = bones(
            0, 1, 1, 2, 2, 3, 3, 7, 0, 4, 4, 5, 5, 6, 6, 8, 9, 10, 11, 12,
            11, 13, 13, 15, 15, 17, 15, 19, 15, 21, 17, 19, 12, 14, 14, 16, 16, 18, 16, 20,
            16, 22, 18, 20, 11, 23, 12, 24, 23, 24, 23, 25, 24, 26, 25, 27, 26, 28, 27, 29,
            28, 30, 29, 31, 30, 32, 27, 31, 28, 32);

    private MediaPipePoseConnections() {
    }

    private static List<Bone> bones(int... pairs) {
        List<Bone> out = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.add(new Bone(pairs[i], pairs[i + 1]));
        }
        return List.copyOf(out);
    }
}
