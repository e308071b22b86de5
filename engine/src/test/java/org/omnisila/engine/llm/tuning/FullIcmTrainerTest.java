package org.omnisila.engine.llm.tuning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.llm.ClipFramePreprocessor;
import org.omnisila.engine.llm.hf.HfParameterNames;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedVideoLlava;
import org.omnisila.engine.llm.hf.VideoLlavaLoader;
import org.omnisila.engine.llm.lora.Lora;
import org.omnisila.engine.llm.lora.LoraConfig;
import org.omnisila.engine.llm.text.LlmTokenizer;
import org.omnisila.engine.llm.video.FusionMode;
import org.omnisila.engine.llm.video.IcmAdapter;
import org.omnisila.engine.llm.video.VideoLlava;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LoRA tuning of the tiny Video-LLaVA on a tiny export made here, both stages, on the CPU. */
class FullIcmTrainerTest {
    @TempDir
    static Path tmp;
    static Path export;
    static final BooleanSupplier NEVER = () -> false;

    @BeforeAll
    static void writeExport() throws Exception {
        export = TinyExport.write(tmp.resolve("export"));
    }

    static LoadedVideoLlava base(NDManager m) {
        return VideoLlavaLoader.load(TinyExport.model(), null, m, LlamaLoader.Settings.cpuDefaults());
    }

    /** Over-fitting settings: lr 2e-2 (2e-5 moves a 32-wide decoder too little to see), no dropout. */
    static TuningSettings stage1(int epochs) {
        return TuningSettings.paper(InstructionDataset.Stage.SCENE_TUNING).withEpochs(epochs).withBatch(3, 1)
                .withLearningRate(2e-2f, 0.03).withLora(LoraConfig.of(4, 16, 0, LoraConfig.ATTENTION))
                .withMaxLength(256).withSeed(7);
    }

    static TuningSettings stage2(int epochs) {
        return TuningSettings.paper(InstructionDataset.Stage.OMNISILA_TUNING).withEpochs(epochs).withBatch(3, 1)
                .withLearningRate(2e-2f, 0.03).withLora(LoraConfig.of(4, 16, 0, LoraConfig.ATTENTION))
                .withMaxLength(256).withSeed(7);
    }

    static IcmConfig icm() {
        IcmConfig s = IcmConfig.small();
        return new IcmConfig(IcmConfig.VERSION, "tiny", TinyExport.WIDTHS, 8, 16, 1, 2, 8, 1, 0, s.alpha(), s.beta(),
                s.labels());
    }

    static List<InstructionDataset.Entry> entries(InstructionDataset.Stage stage, String split) {
        return InstructionDataset.read(export, stage, split).entries();
    }

    static Map<String, byte[]> snapshot(LoadedVideoLlava b) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        HfParameterNames.of(b.decoder().model()).forEach((n, p) -> out.put("decoder." + n, p.getArray()
                .toByteArray()));
        HfParameterNames.of(b.tower().block()).forEach((n, p) -> out.put("tower." + n, p.getArray().toByteArray()));
        HfParameterNames.of(b.projector().block()).forEach((n, p) -> out.put("projector." + n, p.getArray()
                .toByteArray()));
        return out;
    }

    static float[] logits(VideoLlava model, NDManager m, TuningExample e, boolean scenes) {
        try (NDManager s = m.newSubManager()) {
            NDArray pixels = new ClipFramePreprocessor(28).images(s, e.frames().images());
            NDList x = scenes ? e.scenes().toNd(s) : null;
            return model.forward(new ParameterStore(s, false), List.of(e.tokens().ids()),
                    List.of(e.tokens().labels()), List.of(e.tokens().imagePositions()), List.of(pixels), x, false)
                    .logits().toFloatArray();
        }
    }

    static float maxDiff(float[] a, float[] b) {
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    @Test
    void stageOneOverfitsTrainsThePairsOnlyAndSavesAnAdapterThatReproducesTheModel() throws Exception {
        Path out = tmp.resolve("stage1");
        float[] want;
        TuningExample first;
        try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava b = base(m);
             LlmTokenizer tok = LlmTokenizer.open(TinyExport.model());
             FullIcmTrainer t = new FullIcmTrainer(b, tok, TinyExport.TEMPLATE, stage1(40), null, null, null)) {
            Map<String, byte[]> before = snapshot(b);
            Map<String, byte[]> pairs = new LinkedHashMap<>();
            t.trainable().forEach((n, p) -> pairs.put(n, p.getArray().toByteArray()));
            List<TuningExample> train = t.prepare(entries(InstructionDataset.Stage.SCENE_TUNING, "train"), NEVER);
            assertEquals(3, train.size());
            assertEquals(5, t.tokensPerImage());
            double lossBefore = t.evaluate(train);
            FullIcmTrainer.Result r = t.train(train, List.of(), TuningListener.SILENT, NEVER);
            double lossAfter = t.evaluate(train);
            System.out.printf("stage 1: %d steps, train loss %.4f -> %.4f, %.2f steps/s%n", r.steps(), lossBefore,
                    lossAfter, r.steps() / r.seconds());
            assertEquals(40, r.steps());
            assertFalse(r.cancelled());
            assertTrue(lossAfter < 0.5 * lossBefore, "loss " + lossBefore + " -> " + lossAfter);
            Map<String, byte[]> after = snapshot(b);
            before.forEach((n, v) -> {
                boolean lora = n.contains("lora_");
                if (!lora) {
                    assertArrayEquals(v, after.get(n), n + " moved");
                }
            });
            pairs.forEach((n, v) -> assertFalse(Arrays.equals(v, t.trainable().get(n).getArray().toByteArray()),
                    n + " did not move"));
            assertEquals(2 * 4 * 2, t.trainable().size()); // 2 layers x 4 projections x (A, B)
            first = train.get(0);
            want = logits(t.model(), m, first, false);
            t.save(out);
        }
        assertEquals("scene", IcmAdapter.readConfig(out).stage());
        assertEquals(FusionMode.NONE, IcmAdapter.readConfig(out).fusion());
        try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava b = base(m);
             IcmAdapter.Loaded a = IcmAdapter.load(out, b, DataType.FLOAT32)) {
            assertArrayEquals(want, logits(a.model(), m, first, false), 0f);
        }
    }

    /** Runs {@code steps} steps of stage 1 and returns the trainable parameters. */
    static Map<String, float[]> afterSteps(TuningSettings s) {
        try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava b = base(m);
             LlmTokenizer tok = LlmTokenizer.open(TinyExport.model());
             FullIcmTrainer t = new FullIcmTrainer(b, tok, TinyExport.TEMPLATE, s, null, null, null)) {
            List<TuningExample> train = t.prepare(entries(InstructionDataset.Stage.SCENE_TUNING, "train")
                    .subList(0, 2), NEVER);
            t.train(train, List.of(), TuningListener.SILENT, NEVER);
            Map<String, float[]> out = new LinkedHashMap<>();
            t.trainable().forEach((n, p) -> out.put(n, p.getArray().toFloatArray()));
            return out;
        }
    }

    @Test
    void twoMicroBatchesOfOneEqualABatchOfTwo() {
        // lr 0.05 and no clipping: one step moves B by about lr; the clip would also be the same, but is left out
        TuningSettings s = stage1(1).withLearningRate(5e-2f, 0).withMaxGradNorm(Float.POSITIVE_INFINITY);
        Map<String, float[]> whole = afterSteps(s.withBatch(2, 1));
        Map<String, float[]> accumulated = afterSteps(s.withBatch(2, 2));
        Map<String, float[]> single = afterSteps(s.withBatch(1, 1).withEpochs(1)); // 2 steps of 1: another path
        float diff = 0;
        float moved = 0;
        for (String n : whole.keySet()) {
            diff = Math.max(diff, maxDiff(whole.get(n), accumulated.get(n)));
            moved = Math.max(moved, maxDiff(whole.get(n), single.get(n)));
        }
        System.out.printf("accumulation: max diff %.3g (batches of 1 instead: %.3g)%n", diff, moved);
        assertTrue(diff < 1e-5, "2 micro-batches differ from one batch of 2 by " + diff);
        assertTrue(moved > 1e-3, "two steps of 1 should differ from one of 2, by " + moved);
    }

    @Test
    void sameSeedGivesTheSameAdapterBytesAndCancellingWritesNothing() throws Exception {
        Path a = tmp.resolve("seed-a");
        Path b = tmp.resolve("seed-b");
        for (Path out : List.of(a, b)) {
            try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava base = base(m);
                 LlmTokenizer tok = LlmTokenizer.open(TinyExport.model());
                 FullIcmTrainer t = new FullIcmTrainer(base, tok, TinyExport.TEMPLATE,
                         stage1(2).withLora(LoraConfig.of(4, 16, 0.05, LoraConfig.ATTENTION)).withBatch(2, 2), null,
                         null, null)) {
                t.train(t.prepare(entries(InstructionDataset.Stage.SCENE_TUNING, "train"), NEVER), List.of(),
                        TuningListener.SILENT, NEVER);
                t.save(out);
            }
        }
        try (Stream<Path> files = Files.list(a)) {
            for (Path f : files.toList()) {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(f.getFileName())),
                        f.getFileName() + " differs between two runs of one seed");
            }
        }
        Path cancelled = tmp.resolve("cancelled");
        AtomicInteger polls = new AtomicInteger();
        try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava base = base(m);
             LlmTokenizer tok = LlmTokenizer.open(TinyExport.model());
             FullIcmTrainer t = new FullIcmTrainer(base, tok, TinyExport.TEMPLATE, stage1(3).withBatch(3, 3), null,
                     null, null)) {
            FullIcmTrainer.Result r = t.train(t.prepare(entries(InstructionDataset.Stage.SCENE_TUNING, "train"),
                    NEVER), List.of(), TuningListener.SILENT, () -> polls.incrementAndGet() > 4);
            assertTrue(r.cancelled());
            assertEquals(1, r.steps()); // 3 micro-batches of step 1, the second of step 2 stops it
            assertThrows(IllegalStateException.class, () -> t.save(cancelled));
        }
        assertFalse(Files.exists(cancelled));
    }

    @Test
    void stageTwoFromAStageOneAdapterTrainsPairsAndSceneBlockAndSavesThem() throws Exception {
        Path one = tmp.resolve("from-stage1");
        Map<String, byte[]> stageOnePairs = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava b = base(m);
             LlmTokenizer tok = LlmTokenizer.open(TinyExport.model());
             FullIcmTrainer t = new FullIcmTrainer(b, tok, TinyExport.TEMPLATE, stage1(2), null, null, null)) {
            t.train(t.prepare(entries(InstructionDataset.Stage.SCENE_TUNING, "train"), NEVER), List.of(),
                    TuningListener.SILENT, NEVER);
            t.save(one);
            t.trainable().forEach((n, p) -> stageOnePairs.put(n, p.getArray().toByteArray()));
        }
        Path two = tmp.resolve("stage2");
        Map<String, float[]> trained = new LinkedHashMap<>();
        float[] want;
        TuningExample first;
        try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava b = base(m);
             LlmTokenizer tok = LlmTokenizer.open(TinyExport.model());
             FullIcmTrainer t = new FullIcmTrainer(b, tok, TinyExport.TEMPLATE, stage2(30), TinyExport.scenes(),
                     icm(), one)) {
            assertEquals(4, t.loraConfig().r());
            assertEquals(16.0, t.loraConfig().alpha());
            stageOnePairs.forEach((n, v) -> assertArrayEquals(v, t.trainable().get(n).getArray().toByteArray(),
                    n + " is not the stage-1 adapter's"));
            Map<String, byte[]> before = snapshot(b);
            Map<String, byte[]> trainable = new LinkedHashMap<>();
            t.trainable().forEach((n, p) -> trainable.put(n, p.getArray().toByteArray()));
            assertTrue(trainable.keySet().stream().anyMatch(n -> n.startsWith("icm.sbm.")));
            List<TuningExample> train = t.prepare(entries(InstructionDataset.Stage.OMNISILA_TUNING, "train"), NEVER);
            List<TuningExample> test = t.prepare(entries(InstructionDataset.Stage.OMNISILA_TUNING, "test"), NEVER);
            List<Double> testLosses = new java.util.ArrayList<>();
            FullIcmTrainer.Result r = t.train(train, test, new TuningListener() {
                @Override
                public void step(int step, int total, int epoch, double loss, float lr, double rate, double eta) {
                }

                @Override
                public void epochDone(int epoch, double meanLoss, double testLoss) {
                    testLosses.add(testLoss);
                }
            }, NEVER);
            assertEquals(30, testLosses.size());
            assertEquals(r.testLosses(), testLosses);
            double firstLoss = r.stepLosses().get(0);
            double lastLoss = r.stepLosses().get(r.stepLosses().size() - 1);
            System.out.printf("stage 2 (ADD): %d steps, step loss %.4f -> %.4f, %.2f steps/s%n", r.steps(),
                    firstLoss, lastLoss, r.steps() / r.seconds());
            assertTrue(lastLoss < 0.5 * firstLoss, "loss " + firstLoss + " -> " + lastLoss);
            Map<String, byte[]> after = snapshot(b);
            before.forEach((n, v) -> {
                if (!n.contains("lora_")) {
                    assertArrayEquals(v, after.get(n), n + " moved");
                }
            });
            long movedScene = trainable.entrySet().stream().filter(e -> e.getKey().startsWith("icm."))
                    .filter(e -> !Arrays.equals(e.getValue(), t.trainable().get(e.getKey()).getArray().toByteArray()))
                    .count();
            long scene = trainable.keySet().stream().filter(n -> n.startsWith("icm.")).count();
            assertTrue(movedScene > scene / 2, movedScene + " of " + scene + " scene block parameters moved");
            trainable.entrySet().stream().filter(e -> e.getKey().contains("lora_B")).forEach(e ->
                    assertFalse(Arrays.equals(e.getValue(), t.trainable().get(e.getKey()).getArray().toByteArray()),
                            e.getKey() + " did not move in stage 2"));
            first = train.get(0);
            want = logits(t.model(), m, first, true);
            t.trainable().forEach((n, p) -> trained.put(n, p.getArray().toFloatArray()));
            t.save(two);
        }
        assertEquals("omnisila", IcmAdapter.readConfig(two).stage());
        try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava b = base(m);
             IcmAdapter.Loaded a = IcmAdapter.load(two, b, DataType.FLOAT32)) {
            assertEquals(FusionMode.ADD, a.model().mode());
            Map<String, ai.djl.nn.Parameter> got = new LinkedHashMap<>(Lora.trainableParameters(b.decoder().model()));
            HfParameterNames.of(a.model().fusion()).forEach((n, p) -> got.put("icm." + n, p));
            trained.forEach((n, v) -> assertArrayEquals(v, got.get(n).getArray().toFloatArray(), 0f, n));
            assertArrayEquals(want, logits(a.model(), m, first, true), 0f);
        }
    }

    @Test
    void aNonFiniteLossStopsWithAClearMessage() {
        try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava b = base(m);
             LlmTokenizer tok = LlmTokenizer.open(TinyExport.model());
             FullIcmTrainer t = new FullIcmTrainer(b, tok, TinyExport.TEMPLATE, stage1(1), null, null, null)) {
            List<TuningExample> train = t.prepare(entries(InstructionDataset.Stage.SCENE_TUNING, "train"), NEVER);
            t.trainable().values().iterator().next().getArray().muli(Float.NaN); // a lora_A: NaN x B = 0 is NaN
            org.omnisila.engine.train.TrainingDivergedException e = assertThrows(
                    org.omnisila.engine.train.TrainingDivergedException.class,
                    () -> t.train(train, List.of(), TuningListener.SILENT, NEVER));
            assertTrue(e.getMessage().contains("at step 1") && e.getMessage().contains("nothing was saved"),
                    e.getMessage());
            assertThrows(IllegalStateException.class, () -> t.save(tmp.resolve("diverged")));
        }
    }

    @Test
    void settingsRefuseAMismatchedStageAndBatch() {
        assertThrows(IllegalArgumentException.class, () -> stage1(1).withFusion(FusionMode.ADD));
        assertThrows(IllegalArgumentException.class, () -> stage1(1).withBatch(2, 3));
        assertEquals(2, stage1(1).withBatch(3, 2).microBatchSize());
        assertEquals(6, stage1(2).withBatch(2, 1).totalSteps(5));
    }
}
