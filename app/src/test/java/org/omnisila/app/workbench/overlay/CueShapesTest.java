package org.omnisila.app.workbench.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.app.workbench.player.OverlayBox;
import org.omnisila.app.workbench.player.OverlayKind;
import org.omnisila.app.workbench.player.OverlayLine;
import org.omnisila.app.workbench.player.OverlayShape;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.scene.export.SceneCueFile.PersonCue;

class CueShapesTest {
    private static final OverlayKind POSE = OverlayKind.POSE;

    /** Keypoint k at (10k, 100 + k), visibility 0.1 unless given. */
    private static PersonCue person(float[] visibility) {
        float[][] k = new float[33][];
        for (int i = 0; i < 33; i++) {
            k[i] = new float[] {10 * i, 100 + i, visibility[i]};
        }
        k[14][0] = Float.NaN; // visible but nowhere: not drawn
        return new PersonCue(new Box(90, 80, 200, 300), 0.9f, 0.9f, k);
    }

    @Test
    void bonesJoinTwoVisibleKeypointsOfMediaPipesSkeleton() {
        float[] v = new float[33];
        Arrays.fill(v, 0.1f);
        for (int i : new int[] {12, 13, 14, 15, 23, 24, 25}) {
            v[i] = 0.9f;
        }
        v[11] = 0.5f; // exactly the threshold: visible
        v[16] = 0.49f; // just under: not
        List<OverlayShape> shapes = CueShapes.pose(person(v));

        // visible: 11, 12, 13, 15, 23, 24, 25 (14 has no position). MediaPipe's connections among them, in its
        // order: (11,12) (11,13) (13,15) (11,23) (12,24) (23,24) (23,25); not (12,14) (14,16) (15,17) (25,27) ...
        int[][] bones = {{11, 12}, {11, 13}, {13, 15}, {11, 23}, {12, 24}, {23, 24}, {23, 25}};
        List<OverlayShape> expected = new ArrayList<>();
        expected.add(new OverlayBox(90, 80, 200, 300, "person", POSE));
        for (int[] b : bones) {
            expected.add(new OverlayLine(10 * b[0], 100 + b[0], 10 * b[1], 100 + b[1], POSE));
        }
        for (int k : new int[] {11, 12, 13, 15, 23, 24, 25}) {
            expected.add(new OverlayBox(10 * k - 2, 100 + k - 2, 4, 4, "", POSE));
        }
        assertEquals(expected, shapes);
        assertEquals(15, shapes.size());
    }

    @Test
    void theWholeSkeletonHas35Bones() {
        float[][] k = new float[33][];
        for (int i = 0; i < 33; i++) {
            k[i] = new float[] {i, i, 1};
        }
        List<OverlayShape> shapes = CueShapes.pose(new PersonCue(new Box(0, 0, 40, 40), 0.9f, 0.9f, k));
        assertEquals(35, shapes.stream().filter(OverlayLine.class::isInstance).count());
        assertEquals(1 + 35 + 33, shapes.size());
    }
}
