package org.omnisila.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.data.SceneDataset;
import org.omnisila.engine.data.SceneVideo;
import org.omnisila.engine.data.SyntheticScenes;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.llm.ManagerLeaks;

/**
 * Training steps, evaluations and attribution checks leave nothing on the manager of the ICM's parameters: five of
 * each leave it as two did. (A DJL result belongs to its receiver's manager, and {@code getGradient()} makes a new
 * handle on the parameter's manager at every call.)
 */
class NoArraysLeftByTrainingTest {
    private static final SceneDataset DATA = SyntheticScenes.generate(SyntheticScenes.defaults(4, 5));
    private static final IcmConfig TINY = new IcmConfig(IcmConfig.VERSION, "tiny", DATA.sceneWidths(), 8, 32, 1, 4,
            16, 1, 0.1, 1e-4, 1e-2, DATA.labels());

    @Test
    void trainingEvaluationAndAttributionLeaveNothing() {
        List<SceneVideo> videos = DATA.videos();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            IcmModel model = new IcmModel(TINY, IcmModel.Variant.FULL);
            IcmTrainer trainer = new IcmTrainer(model, new TrainingSettings(5, 3e-3f, 0.2, 1e-2f, 3, 2000), manager);
            trainer.initialize();
            List<Integer> afterEpoch = new ArrayList<>();
            trainer.train(videos, new TrainingListener() {
                @Override
                public void progress(int epoch, int done, int total, double loss, double rate) {
                }

                @Override
                public void epochDone(int epoch, double meanLoss) {
                    afterEpoch.add(ManagerLeaks.count(manager));
                }
            }, () -> false);
            // the first step creates AdamW's moments beside the weights, which then live as long as they do
            assertEquals(afterEpoch.get(1), afterEpoch.get(4), () -> "after each epoch " + afterEpoch + ": "
                    + ManagerLeaks.describe(manager));

            List<Integer> afterCheck = new ArrayList<>();
            for (int call = 0; call < 5; call++) {
                ModelEvaluation.run(model, manager, videos, 0.3);
                AttributionCheck.primarySceneHitRate(model, manager, videos);
                afterCheck.add(ManagerLeaks.count(manager));
            }
            assertEquals(afterCheck.get(1), afterCheck.get(4), () -> "after each evaluation and attribution check "
                    + afterCheck + ": " + ManagerLeaks.describe(manager));
            assertEquals(afterEpoch.get(4), afterCheck.get(4), "evaluation adds nothing to what training left");
        }
    }
}
