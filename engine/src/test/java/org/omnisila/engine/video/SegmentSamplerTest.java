package org.omnisila.engine.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentSamplerTest {

    @TempDir
    static Path dir;

    private static Path mp4;
    private static Path avi;
    private static Path vfr;

    @BeforeAll
    static void writeVideos() throws Exception {
        mp4 = dir.resolve("clip.mp4");
        SyntheticVideo.mp4(64, 48, 25, 130).audio(true).write(mp4); // 5.2 s: segments 2 + 2 + 1.2 s
        avi = dir.resolve("clip.avi");
        new SyntheticVideo("avi", "mpeg4", 64, 48, 25, 130).write(avi);
        vfr = dir.resolve("vfr.mp4");
        double[] t = VariableRate.times();
        new SyntheticVideo("mp4", "libopenh264", 64, 48, VariableRate.TIME_BASE_FPS, t.length).frameTimes(t)
                .write(vfr);
    }

    private static List<SegmentFrames> sampleAll(Path file, SegmentPlan plan) {
        List<SegmentFrames> out = new ArrayList<>();
        SamplingResult r = new SegmentSampler(plan).sample(file, out::add);
        assertEquals(List.of(), r.warnings());
        assertEquals(r.segmentsPlanned(), r.segmentsDelivered());
        return out;
    }

    /** Every sampled frame is the decoded frame nearest its target: checked by the index drawn in it. */
    private static void assertNearest(List<SegmentFrames> segments, double[] frameTimes) {
        for (SegmentFrames s : segments) {
            for (SampledFrame f : s.frames()) {
                int expected = TestVideos.nearest(frameTimes, f.targetTime());
                assertEquals(expected, SyntheticVideo.indexOf(f.image()), () -> "segment " + s.segment().index()
                        + ", target " + f.targetTime() + ", got the frame at " + f.time());
                assertEquals(frameTimes[expected], f.time(), 1e-3);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"clip.mp4", "clip.avi"})
    void cutsIntoPlannedSegmentsOfEightNearestFrames(String name) {
        Path file = dir.resolve(name);
        List<SegmentFrames> segments = sampleAll(file, SegmentPlan.DEFAULT);
        assertEquals(3, segments.size());
        List<Segment> plan = SegmentPlan.DEFAULT.segments(VideoProbe.probe(file).duration(), 25);
        for (int i = 0; i < 3; i++) {
            assertEquals(plan.get(i), segments.get(i).segment());
            assertEquals(8, segments.get(i).frames().size());
        }
        assertEquals(4.0, segments.get(2).segment().start());
        assertEquals(5.2, segments.get(2).segment().end(), 0.01);
        // the last, 1.2 s segment: np.linspace(100, 129, 8, dtype=int)
        int[] lastSlots = {100, 104, 108, 112, 116, 120, 124, 129};
        for (int k = 0; k < 8; k++) {
            assertEquals(lastSlots[k], SyntheticVideo.indexOf(segments.get(2).frames().get(k).image()));
        }
        assertNearest(segments, TestVideos.constantRate(130, 25));
    }

    @Test
    void picksTheNearestFrameWhenTargetsFallBetweenFrames() {
        // variable rate: targets on the average-rate grid fall between the sparse frames of the second half
        List<SegmentFrames> segments = sampleAll(vfr, new SegmentPlan(1.0, 8));
        assertEquals(5, segments.size());
        assertNearest(segments, VariableRate.times());
        SampledFrame between = segments.get(3).frames().get(3);
        assertTrue(Math.abs(between.time() - between.targetTime()) > 0.005, between.toString());
    }

    @Test
    void handsOverUprightFramesOfARotatedVideo() throws Exception {
        Path f = dir.resolve("rotated.mp4");
        SyntheticVideo.mp4(64, 48, 25, 50).rotation(90).write(f);
        List<SegmentFrames> segments = sampleAll(f, SegmentPlan.DEFAULT);
        RgbImage first = segments.get(0).frames().get(7).image();
        assertEquals(48, first.width());
        assertEquals(64, first.height());
        assertEquals(49, SyntheticVideo.indexOf(first.rotated(270))); // turned back, it reads as drawn
    }

    @Test
    void reportsProgressUpToOne() {
        List<Double> fractions = new ArrayList<>();
        new SegmentSampler(new SegmentPlan(0.5, 8)).sample(mp4, s -> { }, fractions::add, () -> false);
        assertTrue(fractions.size() >= 10, fractions.toString());
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), fractions.toString());
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1));
        assertTrue(fractions.get(0) < 0.2, fractions.toString());
    }

    @Test
    void stopsWhenCancelled() {
        AtomicInteger checks = new AtomicInteger();
        List<SegmentFrames> got = new ArrayList<>();
        CancellationException e = assertThrows(VideoCancelledException.class, () -> new SegmentSampler()
                .sample(mp4, got::add, f -> { }, () -> checks.incrementAndGet() > 60));
        assertEquals(61, checks.get()); // checked once per frame, and not after the flag was seen
        assertEquals(1, got.size()); // the first segment (frames 0-49) was complete before frame 60
        assertTrue(e.getMessage().startsWith(mp4 + ": cancelled at 2.3 s of 5.2 s"), e.getMessage());
        assertEquals(mp4 + ": cancelled before decoding started", assertThrows(VideoCancelledException.class,
                () -> new SegmentSampler().sample(mp4, got::add, f -> { }, () -> true)).getMessage());
    }

    @Test
    void holdsOneSegmentAtATimeHoweverLongTheVideo() throws Exception {
        Path shortClip = dir.resolve("short.mp4");
        Path longClip = dir.resolve("long.mp4");
        SyntheticVideo.mp4(64, 48, 10, 40).write(shortClip);
        SyntheticVideo.mp4(64, 48, 10, 800).write(longClip); // 80 s, 40 segments
        List<WeakReference<RgbImage>> early = new ArrayList<>();
        boolean[] firstSegmentCollected = {false};
        SamplingResult longRun = new SegmentSampler().sample(longClip, s -> {
            if (s.segment().index() == 0) {
                s.frames().forEach(f -> early.add(new WeakReference<>(f.image())));
            }
            if (s.segment().index() == 20) {
                for (int i = 0; i < 10 && !firstSegmentCollected[0]; i++) {
                    System.gc();
                    firstSegmentCollected[0] = early.stream().allMatch(w -> w.get() == null);
                }
            }
        });
        assertTrue(firstSegmentCollected[0], "the sampler still references the frames of segment 0");
        SamplingResult shortRun = new SegmentSampler().sample(shortClip, s -> { });
        assertEquals(40, longRun.segmentsDelivered());
        assertEquals(800, longRun.framesDecoded());
        assertTrue(longRun.peakImagesHeld() <= 9, "held " + longRun.peakImagesHeld());
        assertEquals(shortRun.peakImagesHeld(), longRun.peakImagesHeld());
    }

    @Test
    void tellsTheSinkTheMetadataFirst() {
        List<Object> calls = new ArrayList<>();
        new SegmentSampler().sample(mp4, new FrameSink() {
            @Override
            public void start(VideoMetadata metadata) {
                calls.add(metadata);
            }

            @Override
            public void accept(SegmentFrames segment) {
                calls.add(segment.segment().index());
            }
        });
        assertTrue(calls.get(0) instanceof VideoMetadata);
        assertEquals(List.of(0, 1, 2), calls.subList(1, calls.size()));
    }

    @Test
    void sharesAFrameBetweenTargetsOfAShortSegment() throws Exception {
        Path f = dir.resolve("tiny.mp4");
        SyntheticVideo.mp4(64, 48, 25, 3).write(f);
        List<SegmentFrames> segments = sampleAll(f, SegmentPlan.DEFAULT);
        assertEquals(1, segments.size());
        List<SampledFrame> frames = segments.get(0).frames();
        int[] indices = frames.stream().mapToInt(x -> SyntheticVideo.indexOf(x.image())).toArray();
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 2}, indices); // np.linspace(0, 2, 8, dtype=int)
        assertSame(frames.get(0).image(), frames.get(1).image());
    }
}
