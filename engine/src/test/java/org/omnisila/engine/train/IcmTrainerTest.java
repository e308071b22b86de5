package org.omnisila.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.data.SceneDataset;
import org.omnisila.engine.data.SceneVideo;
import org.omnisila.engine.data.SyntheticScenes;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.icm.checkpoint.Checkpoint;
import org.omnisila.engine.icm.checkpoint.IcmCheckpoint;

class IcmTrainerTest {
    private static final SceneDataset DATA = SyntheticScenes.generate(SyntheticScenes.defaults(20, 5));
    private static final IcmConfig TINY = new IcmConfig(IcmConfig.VERSION, "tiny", DATA.sceneWidths(), 8, 32, 1, 4,
            16, 1, 0, 1e-4, 1e-2, DATA.labels());

    private static final int EPOCHS = 15;

    @Test
    void overfitsTwentyVideos() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            IcmModel model = new IcmModel(TINY, IcmModel.Variant.FULL);
            IcmTrainer trainer = new IcmTrainer(model,
                    new TrainingSettings(EPOCHS, 3e-3f, 0.03, 0f, 1, 2000), manager);
            trainer.initialize();
            IcmTrainer.Result r = trainer.train(DATA.videos(), TrainingListener.SILENT, () -> false);

            assertEquals(EPOCHS, r.epochsDone());
            assertTrue(r.epochLosses().get(EPOCHS - 1) < r.epochLosses().get(0) / 5, r.epochLosses().toString());
            int correct = 0;
            int total = 0;
            for (ModelEvaluation.VideoOutput o : ModelEvaluation.run(model, manager, DATA.videos(), 0.3)) {
                correct += o.correctSegments(DATA.labels());
                total += o.video().segments().size();
            }
            assertEquals(total, correct, "train segments right after " + EPOCHS + " epochs: " + correct + "/" + total);
        }
    }

    @Test
    void resumingWithTheOptimizerStateGivesTheUninterruptedRunsWeights(@TempDir Path dir) {
        IcmConfig withDropout = new IcmConfig(IcmConfig.VERSION, "tiny", DATA.sceneWidths(), 8, 32, 1, 4, 16, 1,
                0.1, 1e-4, 1e-2, DATA.labels());
        List<SceneVideo> videos = DATA.videos().subList(0, 6);
        TrainingSettings settings = new TrainingSettings(2, 3e-3f, 0.03, 1e-2f, 7, 2000);
        float[] straight = trainWeights(withDropout, settings, videos, null, false);
        float[] resumed = trainWeights(withDropout, settings, videos, dir.resolve("ckpt"), true);
        float[] momentsLost = trainWeights(withDropout, settings, videos, dir.resolve("ckpt2"), false);

        // Bit for bit in practice (100 straight runs gave identical weights once Scalars kept the numbers of
        // x / c alive for the backward pass); 1e-6 leaves room for a BLAS that adds in another order.
        double resumedDiff = maxDiff(straight, resumed);
        double lostDiff = maxDiff(straight, momentsLost);
        assertTrue(resumedDiff < 1e-6, "resumed weights differ from the uninterrupted run by " + resumedDiff);
        assertTrue(lostDiff > 1e-3, "resuming without the moments should change the weights; max change " + lostDiff);
    }

    /**
     * Trains two epochs straight ({@code checkpoint} null), or one epoch, a checkpoint and a fresh model and
     * trainer that resume from it (restoring the optimizer state or not); returns every weight, flattened.
     */
    private static float[] trainWeights(IcmConfig config, TrainingSettings settings, List<SceneVideo> videos,
                                        Path checkpoint, boolean restoreOptimizer) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            IcmModel model = new IcmModel(config, IcmModel.Variant.FULL);
            IcmTrainer trainer = new IcmTrainer(model, settings, manager);
            trainer.initialize();
            if (checkpoint == null) {
                trainer.train(videos, TrainingListener.SILENT, () -> false);
                return flatWeights(model);
            }
            AtomicBoolean firstEpochDone = new AtomicBoolean();
            trainer.train(videos, new TrainingListener() {
                @Override
                public void progress(int epoch, int done, int total, double meanLoss, double segmentsPerSecond) {
                }

                @Override
                public void epochDone(int epoch, double meanLoss) {
                    IcmCheckpoint.save(checkpoint, config, model, model.iec().getDictionary(),
                            trainer.optimizerState(), Map.of("epochsDone", String.valueOf(epoch)));
                    firstEpochDone.set(true);
                }
            }, firstEpochDone::get);
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            IcmModel model = new IcmModel(config, IcmModel.Variant.FULL);
            IcmTrainer trainer = new IcmTrainer(model, settings, manager);
            trainer.initialize();
            Checkpoint c = IcmCheckpoint.load(checkpoint, config, model);
            model.iec().setDictionary(c.dictionary());
            assertEquals(Set.of("step"), c.optimizer().keySet().stream().filter(k -> !k.startsWith("m.")
                    && !k.startsWith("v.")).collect(java.util.stream.Collectors.toSet()));
            if (restoreOptimizer) {
                trainer.restoreOptimizer(c.optimizer());
            }
            IcmTrainer.Result r = trainer.train(videos, 1, TrainingListener.SILENT, () -> false);
            assertEquals(2, r.epochsDone());
            return flatWeights(model);
        }
    }

    private static double maxDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static float[] flatWeights(IcmModel model) {
        List<Float> all = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getParameters()) {
            for (float f : p.getValue().getArray().toFloatArray()) {
                all.add(f);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    @Test
    void aFrozenDictionaryStaysAsTheFirstEpochLeftIt() {
        List<float[][]> frozen = dictionariesAfterEachEpoch(1);
        assertTrue(java.util.Arrays.deepEquals(frozen.get(0), frozen.get(1)), "kept after epoch 2");
        assertTrue(java.util.Arrays.deepEquals(frozen.get(0), frozen.get(2)), "kept after epoch 3");
        List<float[][]> rebuilt = dictionariesAfterEachEpoch(0);
        assertTrue(java.util.Arrays.deepEquals(frozen.get(0), rebuilt.get(0)), "the same run up to epoch 1");
        assertTrue(!java.util.Arrays.deepEquals(rebuilt.get(0), rebuilt.get(2)), "rebuilt: it moves");
    }

    private static List<float[][]> dictionariesAfterEachEpoch(int dictionaryEpochs) {
        List<float[][]> out = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            IcmModel model = new IcmModel(TINY, IcmModel.Variant.FULL);
            IcmTrainer trainer = new IcmTrainer(model, new TrainingSettings(3, 3e-3f, 0.03, 0f, 5, 2000)
                    .withDictionaryEpochs(dictionaryEpochs), manager);
            trainer.initialize();
            trainer.train(DATA.videos().subList(0, 6), new TrainingListener() {
                @Override
                public void progress(int epoch, int done, int total, double meanLoss, double segmentsPerSecond) {
                }

                @Override
                public void epochDone(int epoch, double meanLoss) {
                    out.add(model.iec().getDictionary().centres());
                }
            }, () -> false);
        }
        return out;
    }

    @Test
    void cancellationStopsAfterTheCurrentVideo() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            IcmModel model = new IcmModel(TINY, IcmModel.Variant.FULL);
            IcmTrainer trainer = new IcmTrainer(model, TrainingSettings.defaults(3, 1), manager);
            trainer.initialize();
            AtomicInteger seen = new AtomicInteger();
            List<SceneVideo> videos = DATA.videos();
            IcmTrainer.Result r = trainer.train(videos, (e, d, t, l, s) -> seen.incrementAndGet(),
                    () -> seen.get() >= 5);
            assertTrue(r.cancelled());
            assertEquals(0, r.epochsDone());
            assertEquals(5, seen.get());
        }
    }

    @Test
    void scheduleWarmsUpThenDecays() {
        LearningRateSchedule s = new LearningRateSchedule(1f, 100, 0.03, 0.1f);
        // warm-up = ceil(3) = 3 steps: 1/3, 2/3, 1; then cosine from 1 down to 0.1 at step 100
        assertEquals(1f / 3, s.getNewValue(0), 1e-6f);
        assertEquals(1f, s.getNewValue(2), 1e-6f);
        assertEquals(1f, s.getNewValue(3), 1e-6f);
        // half-way through the decay (step 3 + 48.5): 0.1 + 0.9 * (1 + cos(pi/2)) / 2 = 0.55; at step 51 a bit past
        assertEquals(0.1f + 0.9f * (1 + (float) Math.cos(Math.PI * 48 / 97)) / 2, s.getNewValue(51), 1e-5f);
        assertEquals(0.1f, s.getNewValue(100), 1e-6f);
    }
}
