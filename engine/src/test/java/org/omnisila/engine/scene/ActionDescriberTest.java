package org.omnisila.engine.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Readable action words from made-up poses: a person standing upright 200 px tall. */
class ActionDescriberTest {

    private static Pose pose(float wristY, float ankleY) {
        float[] x = new float[33];
        float[] y = new float[33];
        float[] v = new float[33];
        Arrays.fill(v, 0.9f);
        y[Pose.NOSE] = 10;
        y[Pose.LEFT_SHOULDER] = 40;
        y[Pose.RIGHT_SHOULDER] = 40;
        y[Pose.LEFT_WRIST] = wristY;
        y[Pose.RIGHT_WRIST] = wristY;
        y[Pose.LEFT_HIP] = 110;
        y[Pose.RIGHT_HIP] = 110;
        y[Pose.LEFT_ANKLE] = ankleY;
        y[Pose.RIGHT_ANKLE] = ankleY;
        return new Pose(x, y, v, 1, new float[PoseHeatmaps.WIDTH]);
    }

    @Test
    void wordsFromGeometryAndSpeed() {
        assertEquals("person 1: still", ActionDescriber.describe(1, pose(120, 200), 10, 200));
        assertEquals("person 2: walking, arms raised", ActionDescriber.describe(2, pose(20, 200), 120, 200));
        assertEquals("person 1: running", ActionDescriber.describe(1, pose(120, 200), 400, 200));
        assertEquals("person 1: crouching", ActionDescriber.describe(1, pose(120, 130), Double.NaN, 200));
        assertEquals("person 1: pose seen", ActionDescriber.describe(1, pose(120, 200), Double.NaN, 200));
    }
}
