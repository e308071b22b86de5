package org.omnisila.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input ends in a message naming the file, or in warnings with the rest analysed. */
class BadVideoInputTest {

    @TempDir
    static Path dir;

    private static Path mp4;
    private static Path avi;

    @BeforeAll
    static void writeVideos() throws Exception {
        mp4 = dir.resolve("good.mp4");
        SyntheticVideo.mp4(64, 48, 25, 250).write(mp4); // 10 s
        avi = dir.resolve("good.avi");
        new SyntheticVideo("avi", "mpeg4", 64, 48, 25, 250).write(avi);
    }

    private static VideoFormatException refused(Path file) {
        VideoFormatException e = assertThrows(VideoFormatException.class, () -> VideoProbe.probe(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertEquals(file.toString(), e.file());
        assertEquals(e.getMessage(), file + ": " + e.problem());
        // sampling and random access refuse it the same way
        assertEquals(e.getMessage(), assertThrows(VideoFormatException.class,
                () -> new SegmentSampler().sample(file, s -> { })).getMessage());
        assertEquals(e.getMessage(), assertThrows(VideoFormatException.class, () -> FrameReader.open(file))
                .getMessage());
        return e;
    }

    @Test
    void missingFile() {
        assertEquals("file not found", refused(dir.resolve("nowhere.mp4")).problem());
    }

    @Test
    void folder() {
        assertEquals("this is a folder, not a video file", refused(dir).problem());
    }

    @Test
    void emptyFile() throws Exception {
        assertEquals("the file is empty (0 bytes)", refused(Files.createFile(dir.resolve("empty.mp4"))).problem());
    }

    @Test
    void textAndJsonFiles() throws Exception {
        Path json = Files.writeString(dir.resolve("result.json"), "{\"schemaVersion\": 1, \"video\": {}}\n");
        assertEquals("not a video file: it holds text (it starts with \"{\"schemaVersion\": 1, \"vi...\")",
                refused(json).problem());
        Path txt = Files.writeString(dir.resolve("notes.mp4"), "Meeting notes\nnothing to see", StandardCharsets.UTF_8);
        assertTrue(refused(txt).problem().startsWith("not a video file: it holds text"));
    }

    @Test
    void binaryNonVideo() throws Exception {
        byte[] noise = new byte[4096];
        new java.util.Random(1).nextBytes(noise);
        noise[0] = 0;
        Path f = Files.write(dir.resolve("noise.avi"), noise);
        assertTrue(refused(f).problem().startsWith("not a video file FFmpeg can read"), refused(f).problem());
    }

    @Test
    void audioOnlyFile() throws Exception {
        Path f = dir.resolve("voice.m4a");
        SyntheticVideo.writeAudioOnly(f, 1.0);
        assertEquals("it has no video stream, only audio aac (an audio file?)", refused(f).problem());
    }

    @Test
    void unknownCodec() throws Exception {
        Path mjpeg = dir.resolve("mjpeg.avi");
        new SyntheticVideo("avi", "mjpeg", 64, 48, 25, 10).write(mjpeg);
        String bytes = new String(Files.readAllBytes(mjpeg), StandardCharsets.ISO_8859_1);
        assertTrue(bytes.contains("MJPG"));
        Path f = Files.write(dir.resolve("unknown.avi"), bytes.replace("MJPG", "QQQQ")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("its video codec is unknown (fourcc 'QQQQ'): FFmpeg cannot decode it; convert the file to "
                + "H.264 MP4", refused(f).problem());
    }

    @Test
    void truncatedMp4() throws Exception {
        Path f = TestVideos.truncate(mp4, dir.resolve("cut.mp4"), 0.5);
        assertEquals("the MP4/MOV file is incomplete: its index (the 'moov' atom) is missing, so it was probably "
                + "cut short or not finished recording", refused(f).problem());
    }

    @Test
    void truncatedAviIsAnalysedAsFarAsItGoesWithAWarning() throws Exception {
        Sampled sampled = sampleWithWarnings(TestVideos.truncate(avi, dir.resolve("cut.avi"), 0.5));
        SamplingResult r = sampled.result();
        List<SegmentFrames> got = sampled.segments();
        VideoWarning end = r.warnings().get(r.warnings().size() - 1);
        assertEquals(VideoWarning.Kind.ENDS_EARLY, end.kind(), r.warnings().toString());
        assertTrue(end.message().startsWith("the video data ends at "), end.message());
        assertTrue(end.message().contains("the file is probably truncated"), end.message());
        assertEquals(r.metadata().duration(), end.end(), 1e-9);
        assertFalse(got.isEmpty());
        assertTrue(r.skippedSegments().size() + got.size() == r.segmentsPlanned());
        assertTrue(got.get(got.size() - 1).segment().end() <= end.start() + 1.0);
        assertFramesAreTheRightOnes(got);
    }

    @Test
    void corruptStretchInAnMp4IsSkippedWithAWarningAndTheRestAnalysed() throws Exception {
        Sampled sampled = sampleWithWarnings(TestVideos.corrupt(mp4, dir.resolve("corrupt.mp4"), 0.45, 0.55));
        SamplingResult r = sampled.result();
        List<SegmentFrames> got = sampled.segments();
        VideoWarning w = r.warnings().get(0);
        assertTrue(w.start() > 2 && w.end() < 9, w.toString()); // the damage is in the middle, not everywhere
        assertFalse(r.skippedSegments().isEmpty());
        for (Segment s : r.skippedSegments()) {
            assertTrue(r.warnings().stream().anyMatch(x -> x.start() < s.end() && x.end() > s.start()),
                    "segment " + s.index() + " was skipped without a warning covering it");
        }
        assertTrue(got.size() >= 3, "segments before and after the damage are analysed: " + got.size());
        assertTrue(got.get(got.size() - 1).segment().start() >= w.end() - 1, "nothing analysed after the damage");
        assertFramesAreTheRightOnes(got);
    }

    @Test
    void corruptStretchInAnAviIsGonePastWithAWarning() throws Exception {
        Sampled sampled = sampleWithWarnings(TestVideos.corrupt(avi, dir.resolve("corrupt.avi"), 0.45, 0.5));
        SamplingResult r = sampled.result();
        List<SegmentFrames> got = sampled.segments();
        assertTrue(r.framesDecoded() < 250, "frames were lost: " + r.framesDecoded());
        assertTrue(got.size() >= 2, "the rest is analysed: " + got.size());
        VideoWarning lost = r.warnings().stream().filter(w -> w.kind() == VideoWarning.Kind.FRAMES_LOST).findFirst()
                .orElseThrow(() -> new AssertionError("no FRAMES_LOST warning in " + r.warnings()));
        assertTrue(lost.message().startsWith((250 - r.framesDecoded()) + " of the 250 frames the file lists could "
                + "not be decoded"), lost.message());
        // AVI timestamps count packets, so frames after lost ones move earlier: the part before the first
        // warning is right, frame for frame
        double firstProblem = r.warnings().get(0).start();
        assertTrue(firstProblem > 1 && firstProblem < 8, r.warnings().toString());
        List<SegmentFrames> before = got.stream().filter(s -> s.segment().end() <= firstProblem).toList();
        assertFalse(before.isEmpty());
        assertFramesAreTheRightOnes(before);
    }

    @Test
    void warningsNameTheirTimes() {
        VideoWarning w = new DamageLogProbe().gap();
        assertEquals("no frame could be decoded from 1.00 s to 3.00 s (damaged or missing video data)",
                w.message());
    }

    /** What sampling a damaged file handed over. */
    private record Sampled(SamplingResult result, List<SegmentFrames> segments) {
    }

    /** Samples a damaged file, which must complete with at least one warning. */
    private static Sampled sampleWithWarnings(Path file) {
        List<SegmentFrames> got = new ArrayList<>();
        SamplingResult r = new SegmentSampler().sample(file, got::add);
        assertFalse(r.warnings().isEmpty(), "no warning for a damaged file");
        return new Sampled(r, got);
    }

    /** Frames taken before any damage show the index of the frame nearest their target. */
    private static void assertFramesAreTheRightOnes(List<SegmentFrames> segments) {
        for (SegmentFrames s : segments) {
            for (SampledFrame f : s.frames()) {
                int index = SyntheticVideo.indexOf(f.image());
                assertEquals(Math.round(f.time() * 25), index, () -> "segment " + s.segment().index() + " at "
                        + f.time() + " s");
                assertTrue(Math.abs(f.time() - f.targetTime()) <= 0.25 + 1e-9);
            }
        }
    }

    /** A gap as the damage log words it. */
    private static final class DamageLogProbe {
        VideoWarning gap() {
            DamageLog log = new DamageLog(4, 0.5);
            log.usable(0.0);
            log.usable(0.5);
            log.usable(1.0);
            log.usable(3.0);
            log.usable(3.5);
            return log.finish(5, 0).get(0);
        }
    }
}
