package org.omnisila.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameReaderTest {

    private static final int FRAMES = 150;
    private static final double FPS = 25;

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeVideos() throws Exception {
        // key frames every 12 frames; the MP4 has audio, where a plain seek lands early (stack.md)
        SyntheticVideo.mp4(64, 48, FPS, FRAMES).audio(true).write(dir.resolve("clip.mp4"));
        new SyntheticVideo("avi", "mpeg4", 64, 48, FPS, FRAMES).write(dir.resolve("clip.avi"));
        new SyntheticVideo("webm", "libvpx", 64, 48, FPS, FRAMES).write(dir.resolve("clip.webm"));
    }

    private static int indexAt(FrameReader r, double t) {
        SampledFrame f = r.frameAt(t);
        int index = SyntheticVideo.indexOf(f.image());
        assertEquals(index / FPS, f.time(), 1e-3, "timestamp of the frame returned for " + t);
        assertEquals(t, f.targetTime());
        return index;
    }

    @ParameterizedTest
    @ValueSource(strings = {"clip.mp4", "clip.avi", "clip.webm"})
    void findsTheNearestFrameAtRandomTimes(String name) {
        Random rnd = new Random(3);
        try (FrameReader r = FrameReader.open(dir.resolve(name))) {
            for (int i = 0; i < 60; i++) {
                int frame = rnd.nextInt(FRAMES);
                double offset = (rnd.nextDouble() - 0.5) * 0.98; // within half a frame, either side
                double t = (frame + offset) / FPS;
                assertEquals(frame, indexAt(r, t), "time " + t); // before 0: frame 0 all the same
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"clip.mp4", "clip.avi"})
    void isExactAtEveryFrameGoingForwardAndBackward(String name) {
        try (FrameReader r = FrameReader.open(dir.resolve(name))) {
            for (int i = 0; i < FRAMES; i++) {
                assertEquals(i, indexAt(r, i / FPS));
            }
            for (int i = FRAMES - 1; i >= 0; i -= 7) {
                assertEquals(i, indexAt(r, i / FPS));
            }
            assertEquals(12, indexAt(r, 12.4 / FPS)); // nearer 12 than 13
            assertEquals(13, indexAt(r, 12.6 / FPS));
            assertEquals(12, indexAt(r, 12.5 / FPS)); // a tie goes to the earlier frame
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"clip.mp4", "clip.avi"})
    void seeksAgainFurtherBackWhenASeekLandsPastTheFrame(String name) {
        // a first seek aimed 100 ms after the time stands for a seek that lands late (after the wanted frame)
        try (FrameReader r = FrameReader.open(dir.resolve(name), -100_000)) {
            for (int i = 140; i > 2; i -= 9) {
                assertEquals(i, indexAt(r, (i + 0.3) / FPS));
                assertEquals(i - 3, indexAt(r, (i - 3) / FPS)); // backwards: another seek
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"clip.mp4", "clip.avi"})
    void clampsToTheFirstAndLastFrame(String name) {
        try (FrameReader r = FrameReader.open(dir.resolve(name))) {
            assertEquals(FRAMES - 1, indexAt(r, 100));
            assertEquals(0, indexAt(r, -3));
            assertEquals(FRAMES - 1, indexAt(r, (FRAMES - 1) / FPS + 0.5));
            assertEquals(5, indexAt(r, 5 / FPS));
            assertThrows(IllegalArgumentException.class, () -> r.frameAt(Double.NaN));
        }
    }
}
