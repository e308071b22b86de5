package org.omnisila.engine.analysis;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.omnisila.engine.icm.CausalDictionary;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.icm.KMeans;
import org.omnisila.engine.icm.checkpoint.Checkpoint;
import org.omnisila.engine.icm.checkpoint.IcmCheckpoint;

/**
 * Builds the ICM a checkpoint describes (config, variant from its notes) and loads its weights and dictionary; or an
 * untrained one, for benchmarks and for tests of the pipeline's plumbing.
 */
public final class CheckpointModels {
    private CheckpointModels() {
    }

    /** A loaded model and the checkpoint it came from. */
    public record Loaded(IcmModel model, Checkpoint checkpoint) {
    }

    /**
     * @param dir     a checkpoint directory ({@code omnisila train --out})
     * @param manager owns the parameters; its device is where the model runs
     * @throws org.omnisila.engine.icm.checkpoint.CheckpointException naming the file and what is wrong
     */
    public static Loaded load(Path dir, NDManager manager) {
        Checkpoint c = IcmCheckpoint.read(dir);
        IcmConfig config = c.config();
        IcmModel.Variant variant = IcmModel.Variant.valueOf(c.notes().getOrDefault("variant", "FULL"));
        IcmModel model = new IcmModel(config, variant);
        model.initialize(manager, DataType.FLOAT32, IcmModel.inputShapes(config, 1));
        IcmCheckpoint.load(dir, config, model);
        if (c.dictionary() != null) {
            model.iec().setDictionary(c.dictionary());
        }
        return new Loaded(model, c);
    }

    /** Embeddings the untrained model's dictionary is clustered from. */
    private static final int UNTRAINED_EMBEDDINGS = 64;

    /**
     * A small ICM ({@link IcmConfig#small()}) of the given scene widths with seeded random weights, and a dictionary
     * clustered from seeded Gaussian embeddings. It costs what a trained small model costs; what it says about
     * sentiment means nothing.
     *
     * @param sceneWidths the extractors' widths (face, action, object, background)
     * @param labels      the sentiment labels
     * @param manager     owns the parameters; its engine's random seed is set to {@code seed}
     * @param seed        the same seed gives the same model
     */
    public static IcmModel untrained(List<Integer> sceneWidths, List<String> labels, NDManager manager, int seed) {
        manager.getEngine().setRandomSeed(seed);
        IcmConfig config = IcmConfig.small().withData(sceneWidths, labels);
        IcmModel model = new IcmModel(config, IcmModel.Variant.FULL);
        model.initialize(manager, DataType.FLOAT32, IcmModel.inputShapes(config, 1));
        Random r = new Random(seed + 1L);
        float[][] embeddings = new float[UNTRAINED_EMBEDDINGS][config.hidden()];
        for (float[] e : embeddings) {
            for (int k = 0; k < e.length; k++) {
                e[k] = (float) r.nextGaussian();
            }
        }
        model.iec().setDictionary(CausalDictionary.build(embeddings,
                KMeans.builder().optClusters(config.dictionarySize()).optSeed(1).build()));
        return model;
    }
}
