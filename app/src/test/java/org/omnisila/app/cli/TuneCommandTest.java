package org.omnisila.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.llm.video.IcmAdapter;
import org.omnisila.engine.video.SyntheticVideo;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code omnisila tune} through picocli, on the engine's tiny Video-LLaVA and a tiny export made here. */
class TuneCommandTest {
    /** The engine's test fixture (surefire runs in the module folder). */
    static final Path MODEL = Path.of("../engine/src/test/resources/llm/tiny-video-llava").toAbsolutePath()
            .normalize();

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private Path export() throws Exception {
        Path export = dir.resolve("export");
        Path media = Files.createDirectories(export.resolve("media"));
        Path scene = Files.createDirectories(export.resolve("scene-tuning"));
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 1; i <= 3; i++) {
            SyntheticVideo.mp4(32, 24, 10, 12).write(media.resolve("item-" + i + ".mp4"));
            json.append(i > 1 ? ",\n" : "").append("{\"id\":\"item-").append(i).append("-face\",\"video\":\"media/item-")
                    .append(i).append(".mp4\",\"conversations\":[{\"from\":\"human\",\"value\":\"<video>\\nFace?\"},"
                            + "{\"from\":\"gpt\",\"value\":\"A smile ").append(i).append(".\"}],\"item\":").append(i)
                    .append(",\"window\":[0.0,1.0]}");
        }
        Files.writeString(scene.resolve("train.json"), json.append("\n]\n").toString());
        Path omni = Files.createDirectories(export.resolve("omnisila-tuning"));
        Files.writeString(omni.resolve("train.json"), json.toString().replace("-face", "-identify")
                .replace("Face?", "Sentiment?").replace("A smile ", "Joy "));
        return export;
    }

    @Test
    void tunesStageOneAndWritesTheAdapter() throws Exception {
        assertTrue(Files.isDirectory(MODEL), MODEL.toString());
        Path out = dir.resolve("adapter");
        int rc = cli.run("tune", "--stage", "scene", "--model", MODEL.toString(), "--data", export().toString(),
                "--out", out.toString(), "--epochs", "2", "--batch", "3", "--accumulate", "3", "--lr", "1e-2",
                "--lora-r", "4", "--lora-alpha", "16", "--max-length", "256", "--device", "cpu");
        assertEquals(0, rc, cli.err::toString);
        String err = cli.err.toString();
        assertTrue(err.contains("estimate: memory about"), err);
        assertTrue(err.contains("step 2/2  epoch 2  loss"), err);
        assertTrue(cli.out.toString().contains("tuned 2 steps"), cli.out.toString());
        assertEquals("scene", IcmAdapter.readConfig(out).stage());
        assertTrue(Files.isRegularFile(out.resolve("adapter_model.safetensors")));
    }

    @Test
    void tunesOnAHalfPrecisionBaseWithGradientCheckpointing() throws Exception {
        Path out = dir.resolve("fp16");
        int rc = cli.run("tune", "--stage", "scene", "--model", MODEL.toString(), "--data", export().toString(),
                "--out", out.toString(), "--epochs", "2", "--batch", "3", "--lr", "1e-2", "--lora-r", "4",
                "--lora-alpha", "16", "--max-length", "256", "--device", "cpu", "--precision", "fp16",
                "--gradient-checkpointing");
        assertEquals(0, rc, cli.err::toString);
        String err = cli.err.toString();
        assertTrue(err.contains("base in fp16, gradient checkpointing"), err);
        assertTrue(err.contains("step 2/2  epoch 2  loss"), err);
        assertTrue(Files.isRegularFile(out.resolve("adapter_model.safetensors")));
        CliRun bf16 = new CliRun();
        assertTrue(bf16.run("tune", "--stage", "scene", "--model", MODEL.toString(), "--data", export().toString(),
                "--out", dir.resolve("bf16").toString(), "--device", "cpu", "--precision", "bf16") != 0);
        assertTrue(bf16.err.toString().contains("bf16 is for CUDA"), bf16.err.toString());
        assertFalse(bf16.err.toString().contains("\tat "), bf16.err.toString());
        CliRun other = new CliRun();
        assertTrue(other.run("tune", "--stage", "scene", "--model", MODEL.toString(), "--data", export().toString(),
                "--out", dir.resolve("x").toString(), "--device", "cpu", "--precision", "fp8") != 0);
        assertTrue(other.err.toString().contains("must be fp32, fp16 or bf16, not fp8"), other.err.toString());
    }

    @Test
    void checkpointsLetARunGoOnToTheSameAdapter() throws Exception {
        Path data = export();
        Path whole = dir.resolve("whole");
        String[] common = {"tune", "--stage", "scene", "--model", MODEL.toString(), "--data", data.toString(),
            "--epochs", "2", "--batch", "1", "--lr", "1e-2", "--lora-r", "4", "--lora-alpha", "16", "--max-length",
            "256", "--device", "cpu", "--save-every", "2"};
        assertEquals(0, cli.run(concat(common, "--out", whole.toString())), cli.err::toString);
        assertTrue(cli.err.toString().contains("checkpoint after step 4: "), cli.err.toString());
        assertTrue(Files.isDirectory(whole.resolve("checkpoint-4")));
        assertTrue(Files.isDirectory(whole.resolve("checkpoint-2")), "the newest 2 are kept");
        CliRun resumed = new CliRun();
        Path again = dir.resolve("again");
        assertEquals(0, resumed.run(concat(common, "--out", again.toString(), "--resume",
                whole.resolve("checkpoint-4").toString())), resumed.err::toString);
        assertTrue(resumed.err.toString().contains("step 5/6") && !resumed.err.toString().contains("step 4/6"),
                resumed.err.toString());
        assertEquals(java.util.Arrays.toString(Files.readAllBytes(whole.resolve("adapter_model.safetensors"))),
                java.util.Arrays.toString(Files.readAllBytes(again.resolve("adapter_model.safetensors"))));
        CliRun other = new CliRun();
        assertTrue(other.run(concat(common, "--out", dir.resolve("x").toString(), "--seed", "5", "--resume",
                whole.toString())) != 0);
        assertTrue(other.err.toString().contains("other settings or data"), other.err.toString());
        assertFalse(other.err.toString().contains("\tat "), other.err.toString());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The one test with the four bundled scene extractors (their model files): stage 2 from stage 1. */
    @Test
    void tunesStageTwoFromStageOneWithTheBundledExtractors() throws Exception {
        Path data = export();
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        assertEquals(0, cli.run("tune", "--stage", "scene", "--model", MODEL.toString(), "--data", data.toString(),
                "--out", one.toString(), "--epochs", "1", "--batch", "3", "--lr", "1e-2", "--lora-r", "4",
                "--lora-alpha", "16", "--max-length", "256", "--device", "cpu"), cli.err::toString);
        long started = System.nanoTime();
        assertEquals(0, cli.run("tune", "--stage", "omnisila", "--from", one.toString(), "--model", MODEL.toString(),
                "--data", data.toString(), "--out", two.toString(), "--epochs", "2", "--batch", "3", "--accumulate",
                "3", "--lr", "1e-2", "--max-length", "256", "--device", "cpu"), cli.err::toString);
        System.out.printf("stage 2 with the bundled extractors: %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertTrue(cli.err.toString().contains("and scene features"), cli.err.toString());
        assertTrue(cli.out.toString().contains("tuned 2 steps"), cli.out.toString());
        assertEquals("omnisila", IcmAdapter.readConfig(two).stage());
        assertEquals(org.omnisila.engine.llm.video.FusionMode.ADD, IcmAdapter.readConfig(two).fusion());
        assertTrue(Files.isRegularFile(two.resolve(IcmAdapter.WEIGHTS)));
    }

    @Test
    void mistakesEndInOneLine() throws Exception {
        Path out = dir.resolve("adapter");
        int rc = cli.run("tune", "--stage", "scene", "--model", MODEL.toString(), "--data", export().toString(),
                "--out", out.toString(), "--from", dir.toString(), "--device", "cpu");
        assertTrue(rc != 0);
        String err = cli.err.toString().strip();
        assertTrue(err.contains("--from is for --stage omnisila"), err);
        assertFalse(err.contains("\tat "), err);
        assertFalse(Files.exists(out));
        rc = cli.run("tune", "--stage", "both", "--model", MODEL.toString(), "--data", dir.toString(), "--out",
                out.toString());
        assertTrue(rc != 0);
        assertTrue(cli.err.toString().contains("--stage must be scene or omnisila"), cli.err.toString());
    }
}
