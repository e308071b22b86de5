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
        assertTrue(err.toString().contains("resuming after epoch 1 of 2 with the optimizer's state"), err.toString());
        assertEquals("2", IcmCheckpoint.read(ckpt).notes().get("epochsDone"));
        assertTrue(Files.exists(ckpt.resolve("dictionary.safetensors")));
        assertTrue(Files.exists(ckpt.resolve("optimizer.safetensors")));
    }

    @Test
    void ablateOverTwoSeedsTestsSignificanceAndWritesPredictionsThatEvalCompares() throws Exception {
        Path data = dir.resolve("data");
        Path preds = dir.resolve("preds");
        assertEquals(0, run("synth", "--out", data.toString(), "--videos", "16", "--seed", "3"), err::toString);
        assertEquals(0, run("ablate", "--data", data.toString(), "--epochs", "1", "--seeds", "1,2",
                "--variants", "FULL,WITHOUT_IEC", "--predictions", preds.toString()), err::toString);
        String table = out.toString();
        assertEquals(4, table.lines().filter(l -> l.matches("\\s+(ICM|w/o IEC)\\s+[12]\\s.*")).count(), table);
        assertTrue(table.contains("Paired t-tests against ICM"), table);
        assertTrue(table.lines().anyMatch(l -> l.trim().startsWith("w/o IEC") && l.contains("Avg mAP")
                && l.contains("(n=2 seeds)")), table);
        for (String f : new String[] {"gt.json", "FULL-seed1.json", "FULL-seed2.json", "WITHOUT_IEC-seed1.json",
            "WITHOUT_IEC-seed2.json"}) {
            assertTrue(Files.isRegularFile(preds.resolve(f)), f);
        }
        assertEquals(0, run("eval", "--gt", preds.resolve("gt.json").toString(), "--pred",
                preds.resolve("FULL-seed1.json").toString(), "--compare",
                preds.resolve("WITHOUT_IEC-seed1.json").toString()), err::toString);
        assertTrue(out.toString().contains("Paired t-test on per-video scores"), out.toString());
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
