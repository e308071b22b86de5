package org.omnisila.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.icm.checkpoint.IcmCheckpoint;

/** synth -> train -> resume, as a user runs them. */
class TrainCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();
    private final java.io.StringWriter out = cli.out;
    private final java.io.StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void trainsSavesEveryEpochAndResumes() throws Exception {
        Path data = dir.resolve("data");
        Path ckpt = dir.resolve("ckpt");
        assertEquals(0, run("synth", "--out", data.toString(), "--videos", "12", "--seed", "4"), err::toString);

        assertEquals(0, run("train", "--data", data.toString(), "--out", ckpt.toString(), "--epochs", "1",
                "--device", "cpu"), err::toString);
        assertEquals("1", IcmCheckpoint.read(ckpt).notes().get("epochsDone"));
        assertTrue(out.toString().contains("mAP@0.1"), out.toString());
        assertTrue(err.toString().contains("device cpu"), err.toString());

        assertEquals(0, run("train", "--data", data.toString(), "--out", ckpt.toString(), "--epochs", "2",
                "--device", "cpu", "--resume"), err::toString);
        assertTrue(err.toString().contains("resuming after epoch 1 of 2"), err.toString());
        assertEquals("2", IcmCheckpoint.read(ckpt).notes().get("epochsDone"));
        assertTrue(Files.exists(ckpt.resolve("dictionary.safetensors")));
    }

    @Test
    void resumeWithoutCheckpointAndBadDataAreClearMessages() throws Exception {
        Path data = dir.resolve("data");
        run("synth", "--out", data.toString(), "--videos", "4");
        assertEquals(1, run("train", "--data", data.toString(), "--out", dir.resolve("none").toString(), "--resume"));
        assertTrue(err.toString().contains("holds no checkpoint to resume from"), err.toString());

        assertEquals(1, run("train", "--data", dir.resolve("missing").toString(), "--out", dir.toString()));
        assertTrue(err.toString().contains("dataset.json: not found"), err.toString());
    }
}
