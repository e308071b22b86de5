package org.omnisila.engine.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/** Damaged copies of generated videos, and the expected frame for a time. */
final class TestVideos {

    private TestVideos() {
    }

    /** A copy with the bytes from {@code from} to {@code to} (fractions of the size) overwritten at random. */
    static Path corrupt(Path source, Path target, double from, double to) throws IOException {
        byte[] b = Files.readAllBytes(source);
        Random rnd = new Random(7);
        for (int i = (int) (b.length * from); i < (int) (b.length * to); i++) {
            b[i] = (byte) rnd.nextInt();
        }
        return Files.write(target, b);
    }

    /** A copy of the first {@code fraction} of the bytes. */
    static Path truncate(Path source, Path target, double fraction) throws IOException {
        byte[] b = Files.readAllBytes(source);
        return Files.write(target, Arrays.copyOf(b, (int) (b.length * fraction)));
    }

    /** Index of the frame nearest a time among frames at the given times (ties: the earlier). */
    static int nearest(double[] frameTimes, double t) {
        int best = 0;
        for (int i = 1; i < frameTimes.length; i++) {
            if (Math.abs(frameTimes[i] - t) < Math.abs(frameTimes[best] - t) - 1e-9) {
                best = i;
            }
        }
        return best;
    }

    /** Times i / fps of a constant-rate video. */
    static double[] constantRate(int frames, double fps) {
        double[] t = new double[frames];
        for (int i = 0; i < frames; i++) {
            t[i] = i / fps;
        }
        return t;
    }
}
