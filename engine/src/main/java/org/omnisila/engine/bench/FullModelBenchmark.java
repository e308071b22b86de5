package org.omnisila.engine.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.omnisila.engine.icm.DeviceChoice;
import org.omnisila.engine.instruct.Instruction;
import org.omnisila.engine.llm.ClipFramePreprocessor;
import org.omnisila.engine.llm.GenerationSettings;
import org.omnisila.engine.llm.Precision;
import org.omnisila.engine.llm.run.FullModel;
import org.omnisila.engine.llm.run.PreparedVideo;
import org.omnisila.engine.llm.text.PromptTokens;
import org.omnisila.engine.llm.tuning.VideoFrames8;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.video.SyntheticVideo;

/**
 * The multimodal path of a Video-LLaVA folder, stage by stage (plain Video-LLaVA, no adapter): the video's eight
 * frames (seeking), their pixels, the tower and projector, the prefill of the whole prompt with the video's tokens
 * (one new token), and decoding N more tokens (the difference from the prefill, divided by N; stop tokens off so
 * that every run decodes all N).
 */
public final class FullModelBenchmark {
    private FullModelBenchmark() {
    }

    /**
     * @param base      a Video-LLaVA folder (the tiny test fixture, or a real one)
     * @param video     a video, or null for a generated 3 s 320x240 one
     * @param newTokens tokens decoded after the first
     * @param runs      timed runs per stage, after one warm-up
     */
    public static BenchTable run(Device device, Path base, Path video, int newTokens, int runs) {
        Path file = video;
        Path temp = null;
        try {
            if (file == null) {
                temp = Files.createTempFile("omnisila-bench", ".mp4");
                SyntheticVideo.mp4(320, 240, 25, 75).texture(true).write(temp);
                file = temp;
            }
            try (FullModel model = FullModel.open(base, null, null, device, FullModel.defaultPrecision(device), -1,
                    new ModelFiles(), f -> { });
                 PreparedVideo prepared = model.prepare(file, f -> { }, () -> false);
                 NDManager work = NDManager.newBaseManager(device, "PyTorch")) {
                return measure(model, prepared, file, newTokens, runs, device, work);
            }
        } catch (IOException e) { // FrameRecorder.Exception is one
            throw new UncheckedIOException("could not write the benchmark's video: " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temp file left behind
                }
            }
        }
    }

    private static BenchTable measure(FullModel model, PreparedVideo prepared, Path file, int newTokens, int runs,
                                      Device device, NDManager work) {
        PromptTokens prompt = model.template().tokens(model.tokenizer(), model.template().prompt(Instruction.PAPER));
        var tower = model.model().tower().config();
        int length = prompt.ids().length + prompt.imagePositions().length * (tower.numPositions() - 1);
        Precision precision = model.precision();
        BenchTable table = new BenchTable(String.format(Locale.ROOT, "Video-LLaVA multimodal path, %s, %s, on %s "
                + "(%d cores, OMP_NUM_THREADS=%s): 8 frames of %dx%d -> %d video tokens, prompt %d positions",
                model.base().folder().getFileName(), precision, DeviceChoice.describe(device),
                Runtime.getRuntime().availableProcessors(), System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"),
                tower.imageSize(), tower.imageSize(), 8 * tower.numPositions(), length));
        ClipFramePreprocessor pre = new ClipFramePreprocessor(tower.imageSize());
        double[] frames = BenchTable.time(runs, () -> VideoFrames8.sample(file));
        VideoFrames8 eight = VideoFrames8.sample(file);
        double[] pixels = BenchTable.time(runs, () -> {
            try (NDManager m = work.newSubManager()) {
                return pre.images(m, eight.images()).getShape();
            }
        });
        double[] towerMs = BenchTable.time(runs, () -> {
            try (NDManager m = work.newSubManager()) {
                NDArray px = pre.images(m, eight.images());
                return model.model().videoTokens(new ParameterStore(m, false), px, false).toFloatArray().length;
            }
        });
        GenerationSettings one = model.settings(1).withStopTokens();
        GenerationSettings many = model.settings(1 + newTokens).withStopTokens();
        double[] prefill = BenchTable.time(runs, () -> model.model().generateWithSceneTokens(List.of(prompt),
                List.of(prepared.pixels()), null, one));
        double[] decode = BenchTable.time(runs, () -> model.model().generateWithSceneTokens(List.of(prompt),
                List.of(prepared.pixels()), null, many));
        table.add("8 frames (seek)", frames);
        table.add("pixels [8, 3, S, S]", pixels);
        table.add("tower + projector", towerMs);
        table.add("prefill " + length + " positions (tower included) + 1 token", prefill);
        table.add("prefill + " + newTokens + " tokens, cache", decode);
        double p = BenchTable.median(prefill);
        table.note(String.format(Locale.ROOT, "prefill %.0f positions/s; decode %.1f tokens/s", length / (p / 1000),
                newTokens / ((BenchTable.median(decode) - p) / 1000)));
        return table;
    }
}
