package org.omnisila.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.data.SceneDataset;
import org.omnisila.engine.data.SceneVideo;
import org.omnisila.engine.data.SyntheticScenes;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;

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
