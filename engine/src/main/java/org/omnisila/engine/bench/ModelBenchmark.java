package org.omnisila.engine.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Locale;
import org.omnisila.engine.data.SceneDataset;
import org.omnisila.engine.data.SceneVideo;
import org.omnisila.engine.data.SyntheticScenes;
import org.omnisila.engine.icm.DeviceChoice;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.train.IcmTrainer;
import org.omnisila.engine.train.TrainingListener;
import org.omnisila.engine.train.TrainingSettings;
import org.omnisila.engine.train.VideoTensors;

/**
 * Speed of the small ICM: inference at 1 segment per call and at 32 segments per call, and training
 * throughput, in segments per second, on synthetic inputs of the small configuration's sizes.
 */
public final class ModelBenchmark {
    private ModelBenchmark() {
    }

    public static BenchTable run(Device device, int runs) {
        SceneDataset data = SyntheticScenes.generate(SyntheticScenes.defaults(12, 1));
        IcmConfig config = IcmConfig.small().withData(data.sceneWidths(), data.labels());
        BenchTable table = new BenchTable(String.format(Locale.ROOT,
                "Small ICM (d %d, %d experts x %d layers, K %d) on %s, %d cores", config.hidden(), IcmConfig.SCENES,
                config.expertLayers(), config.dictionarySize(), DeviceChoice.describe(device),
                Runtime.getRuntime().availableProcessors()));
        try (NDManager manager = NDManager.newBaseManager(device, "PyTorch")) {
            IcmModel model = new IcmModel(config, IcmModel.Variant.FULL);
            IcmTrainer trainer = new IcmTrainer(model, new TrainingSettings(1, 1e-3f, 0.03, 1e-2f, 1, 2000), manager);
            trainer.initialize();
            trainer.buildDictionary(data.videos());
            SceneVideo video = data.videos().get(0);
            for (int batch : new int[] {1, 32}) {
                double[] ms = new double[runs];
                int calls = Math.max(1, 64 / batch);
                for (int r = -1; r < runs; r++) { // r = -1 warms up
                    long t0 = System.nanoTime();
                    for (int c = 0; c < calls; c++) {
                        try (NDManager sub = manager.newSubManager()) {
                            NDList x = repeat(sub, video, config, batch);
                            model.forward(new ParameterStore(sub, false), x, false).get(0).toFloatArray();
                        }
                    }
                    if (r >= 0) {
                        ms[r] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                table.add(String.format(Locale.ROOT, "inference, %d segment(s) per call, %d segments", batch,
                        calls * batch), ms);
                table.note(String.format(Locale.ROOT, "inference at %d per call: %.0f segments/s", batch,
                        calls * batch / (BenchTable.median(ms) / 1000)));
            }
            List<SceneVideo> train = data.videos();
            long segments = train.stream().mapToLong(v -> v.segments().size()).sum();
            double[] ms = new double[runs];
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                trainer.train(train, TrainingListener.SILENT, () -> false);
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            table.add(String.format(Locale.ROOT, "training epoch, %d videos, %d segments", train.size(), segments),
                    ms);
            table.note(String.format(Locale.ROOT, "training (incl. dictionary K-means): %.0f segments/s",
                    segments / (BenchTable.median(ms) / 1000)));
        }
        return table;
    }

    /** The first {@code batch} segments of the video, cycling when it has fewer. */
    private static NDList repeat(NDManager manager, SceneVideo video, IcmConfig config, int batch) {
        List<org.omnisila.engine.data.SceneSegment> segs = new java.util.ArrayList<>();
        for (int i = 0; i < batch; i++) {
            segs.add(video.segments().get(i % video.segments().size()));
        }
        SceneVideo v = new SceneVideo(video.id(), video.subset(), video.duration(), segs, video.events());
        return VideoTensors.inputs(manager, v, config.sceneWidths(), config.frames());
    }
}
