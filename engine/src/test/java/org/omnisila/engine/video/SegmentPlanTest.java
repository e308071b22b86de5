package org.omnisila.engine.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentPlanTest {

    /** np.linspace(a, b - 1, 8, dtype=int) / fps, written out. */
    private static double[] slots(double fps, long... slots) {
        double[] t = new double[slots.length];
        for (int i = 0; i < slots.length; i++) {
            t[i] = slots[i] / fps;
        }
        return t;
    }

    @Test
    void cutsFourSecondsAt25FpsIntoTwoSegmentsSampledLikeVideoLlava() {
        List<Segment> s = SegmentPlan.DEFAULT.segments(4.0, 25);
        assertEquals(2, s.size());
        assertEquals(0.0, s.get(0).start());
        assertEquals(2.0, s.get(0).end());
        assertEquals(4.0, s.get(1).end());
        // np.linspace(0, 49, 8, dtype=int) = [0, 7, 14, 21, 28, 35, 42, 49]
        assertArrayEquals(slots(25, 0, 7, 14, 21, 28, 35, 42, 49), s.get(0).frameTimes(), 1e-12);
        assertArrayEquals(slots(25, 50, 57, 64, 71, 78, 85, 92, 99), s.get(1).frameTimes(), 1e-12);
    }

    @Test
    void truncatesLikeNumpyWhenTheStepIsNotWhole() {
        // 30 fps: 60 frames per segment, np.linspace(0, 59, 8, dtype=int) = [0, 8, 16, 25, 33, 42, 50, 59]
        Segment first = SegmentPlan.DEFAULT.segments(10, 30).get(0);
        assertArrayEquals(slots(30, 0, 8, 16, 25, 33, 42, 50, 59), first.frameTimes(), 1e-12);
        // NTSC: segment 1 is [2.0, 4.0): slots ceil(59.94) = 60 .. ceil(119.88) - 1 = 119, 60 frames
        Segment second = SegmentPlan.DEFAULT.segments(10, 30000 / 1001.0).get(1);
        assertArrayEquals(slots(30000 / 1001.0, 60, 68, 76, 85, 93, 102, 110, 119), second.frameTimes(), 1e-9);
    }

    @Test
    void theLastSegmentMayBeShorterAndARemainderOfOneFrameJoinsIt() {
        SegmentPlan p = SegmentPlan.DEFAULT;
        assertEquals(5, p.segmentCount(10.0, 25));
        assertEquals(5, p.segmentCount(10.04, 25)); // one frame over: joined to the last segment
        assertEquals(6, p.segmentCount(10.05, 25)); // more than one frame over: a short segment of its own
        List<Segment> s = p.segments(10.05, 25);
        assertEquals(10.0, s.get(5).start());
        assertEquals(10.05, s.get(5).end());
        // slots 250 and 251 (n = 2): np.linspace(250, 251, 8, dtype=int)
        assertArrayEquals(slots(25, 250, 250, 250, 250, 250, 250, 250, 251), s.get(5).frameTimes(), 1e-12);
        assertEquals(10.04, p.segments(10.04, 25).get(4).end());
        assertEquals(1, p.segmentCount(0.01, 25));
        assertEquals(1, p.segmentCount(2.0, 25));
        assertEquals(3600, p.segmentCount(7200, 30));
    }

    @Test
    void segmentLengthAndFrameCountAreConfigurable() {
        List<Segment> s = new SegmentPlan(1.0, 4).segments(3.0, 10);
        assertEquals(3, s.size());
        // np.linspace(10, 19, 4, dtype=int) = [10, 13, 16, 19]
        assertArrayEquals(slots(10, 10, 13, 16, 19), s.get(1).frameTimes(), 1e-12);
        assertArrayEquals(slots(10, 20), new SegmentPlan(1.0, 1).segments(3.0, 10).get(2).frameTimes(), 1e-12);
    }

    @Test
    void everyTargetLiesInItsSegment() {
        for (double fps : new double[] {1, 7.5, 23.976, 25, 29.97, 60}) {
            for (double d : new double[] {0.5, 2, 3.3, 61.7}) {
                for (Segment s : SegmentPlan.DEFAULT.segments(d, fps)) {
                    for (double t : s.frameTimes()) {
                        // a target is a frame slot at or after the start and before the end (or the start slot)
                        assertEquals(true, t >= s.start() - 1e-9 && (t < s.end() || t == s.frameTime(0)),
                                () -> s + " at " + fps + " fps");
                    }
                }
            }
        }
    }

    @Test
    void aSpanIsSampledAsASegmentOfThePlanWouldBe() {
        for (double fps : new double[] {25, 30, 30000 / 1001.0}) {
            for (Segment s : SegmentPlan.DEFAULT.segments(9.3, fps)) {
                assertEquals(s, SegmentPlan.DEFAULT.span(s.index(), s.start(), s.end(), fps), s + " at " + fps);
            }
        }
        // Off the grid, a ground-truth segment [1.0, 3.5] at 25 fps: slots 25..87, np.linspace(25, 87, 8, dtype=int)
        Segment gt = SegmentPlan.DEFAULT.span(0, 1.0, 3.5, 25);
        assertArrayEquals(slots(25, 25, 33, 42, 51, 60, 69, 78, 87), gt.frameTimes(), 1e-12);
        assertEquals(1.0, gt.start());
        assertEquals(3.5, gt.end());
        assertThrows(IllegalArgumentException.class, () -> SegmentPlan.DEFAULT.span(0, 3, 2, 25));
        assertThrows(IllegalArgumentException.class, () -> SegmentPlan.DEFAULT.span(0, 1, 2, 0));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new SegmentPlan(0, 8));
        assertThrows(IllegalArgumentException.class, () -> new SegmentPlan(Double.NaN, 8));
        assertThrows(IllegalArgumentException.class, () -> new SegmentPlan(2, 0));
        assertThrows(IllegalArgumentException.class, () -> SegmentPlan.DEFAULT.segments(0, 25));
        assertThrows(IllegalArgumentException.class, () -> SegmentPlan.DEFAULT.segments(4, 0));
        assertThrows(IllegalArgumentException.class, () -> new Segment(0, 1, 0.5, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new Segment(0, 0, 1, new double[] {0.5, 0.2}));
    }
}
