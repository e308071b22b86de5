package org.omnisila.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearestFrameSelectorTest {

    private final List<SegmentFrames> delivered = new ArrayList<>();
    private final List<Segment> skipped = new ArrayList<>();
    private int converted;

    private NearestFrameSelector selector(double maxDistance, Segment... segments) {
        return new NearestFrameSelector(List.of(segments), maxDistance, delivered::add, skipped::add);
    }

    /** A 1x1 image whose red value is the frame number, so tests can tell frames apart. */
    private void offer(NearestFrameSelector s, double time, int number) {
        s.offer(time, () -> {
            converted++;
            return new RgbImage(1, 1, new byte[] {(byte) number, 0, 0});
        });
    }

    private static int number(SampledFrame f) {
        return f.image().pixel(0, 0) >> 16;
    }

    @Test
    void takesTheNearestFrameAndTheEarlierOnATie() {
        NearestFrameSelector s = selector(1, new Segment(0, 0, 1, new double[] {0.0, 0.24, 0.25, 0.26, 0.9}));
        double[] times = {0.0, 0.1, 0.2, 0.3, 0.4};
        for (int i = 0; i < times.length; i++) {
            offer(s, times[i], i);
        }
        s.finish();
        assertEquals(1, delivered.size());
        List<SampledFrame> f = delivered.get(0).frames();
        assertEquals(List.of(0, 2, 2, 3, 4), f.stream().map(NearestFrameSelectorTest::number).toList());
        assertEquals(0.2, f.get(2).time()); // 0.25 is as far from 0.2 as from 0.3: the earlier wins
        assertEquals(0.25, f.get(2).targetTime());
        assertEquals(0.4, f.get(4).time()); // after the last frame: the last frame, 0.5 s away (< 1)
    }

    @Test
    void skipsASegmentWithATargetInAGapAndDeliversTheOthers() {
        NearestFrameSelector s = selector(0.25,
                new Segment(0, 0, 1, new double[] {0.0, 0.5}),
                new Segment(1, 1, 2, new double[] {1.0, 1.5}),
                new Segment(2, 2, 3, new double[] {2.0, 2.5}));
        for (double t : new double[] {0.0, 0.5, 1.0, 1.1, 2.0, 2.4}) {
            offer(s, t, (int) Math.round(t * 10));
        }
        s.finish();
        assertEquals(List.of(0, 2), delivered.stream().map(d -> d.segment().index()).toList());
        assertEquals(List.of(1), skipped.stream().map(Segment::index).toList()); // 1.5 is 0.4 s from any frame
        assertTrue(s.done());
    }

    @Test
    void aTargetAfterTheLastFrameBeyondReachSkipsItsSegment() {
        NearestFrameSelector s = selector(0.1, new Segment(0, 0, 2, new double[] {0.0, 1.9}));
        offer(s, 0.0, 0);
        offer(s, 0.5, 1);
        s.finish();
        assertEquals(0, delivered.size());
        assertEquals(1, skipped.size());
    }

    @Test
    void holdsOnlyTheCurrentSegmentAndConvertsOnlyFramesThatMayBeSampled() {
        List<Segment> plan = SegmentPlan.DEFAULT.segments(200, 25);
        NearestFrameSelector s = new NearestFrameSelector(plan, 0.25, delivered::add, skipped::add);
        for (int i = 0; i < 5000; i++) {
            offer(s, i / 25.0, i % 200);
        }
        s.finish();
        assertEquals(100, delivered.size());
        assertTrue(s.peakImagesHeld() <= 9, "held " + s.peakImagesHeld()); // 8 targets + the previous frame
        delivered.clear();
        converted = 0;
        NearestFrameSelector sparse = new NearestFrameSelector(new SegmentPlan(20, 2).segments(200, 25), 0.25,
                delivered::add, skipped::add);
        for (int i = 0; i < 5000; i++) {
            offer(sparse, i / 25.0, i % 200);
        }
        sparse.finish();
        assertEquals(10, delivered.size());
        // only frames within 0.25 s before a target, and the frames at the targets, are copied
        assertTrue(converted <= 20 * 8, "converted " + converted);
    }

    @Test
    void ignoresFramesThatGoBackInTime() {
        NearestFrameSelector s = selector(1, new Segment(0, 0, 1, new double[] {0.5}));
        offer(s, 0.4, 4);
        offer(s, 0.1, 1);
        offer(s, 0.7, 7);
        s.finish();
        assertEquals(4, number(delivered.get(0).frames().get(0)));
    }
}
