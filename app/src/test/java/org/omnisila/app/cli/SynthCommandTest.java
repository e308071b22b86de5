package org.omnisila.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.data.SceneDataset;
import org.omnisila.engine.data.SceneDatasetFiles;

class SynthCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    /** Mean square of every feature value: noise alone gives about 1. */
    private static double meanSquare(SceneDataset data) {
        double sum = 0;
        long n = 0;
        for (var v : data.videos()) {
            for (var s : v.segments()) {
                for (float[] scene : s.features()) {
                    for (float x : scene) {
                        sum += x * x;
                        n++;
                    }
                }
            }
        }
        return sum / n;
    }

    @Test
    void strengthsAreOptionsAndNonsenseIsRefused() {
        Path plain = dir.resolve("plain");
        Path strong = dir.resolve("strong");
        assertEquals(0, cli.run("synth", "--out", plain.toString(), "--videos", "6", "--signal", "0",
                "--confounder", "0"), cli.err::toString);
        assertEquals(0, cli.run("synth", "--out", strong.toString(), "--videos", "6", "--signal", "0",
                "--confounder", "3", "--confounder-bias", "1"), cli.err::toString);
        double noise = meanSquare(SceneDatasetFiles.read(plain));
        assertEquals(1.0, noise, 0.05, "no signal, no confounder: N(0, 1) noise, except the face prototypes");
        // a confounder direction of norm 3 at amplitude 3 adds 81 / width per value on average (widths 32-96)
        assertTrue(meanSquare(SceneDatasetFiles.read(strong)) > noise + 1, "the confounder is there");

        assertEquals(2, cli.run("synth", "--out", dir.resolve("x").toString(), "--confounder-bias", "1.5"));
        assertTrue(cli.err.toString().contains("--confounder-bias between 0 and 1"), cli.err.toString());
    }
}
