package org.omnisila.engine.analysis;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.icm.checkpoint.Checkpoint;
import org.omnisila.engine.icm.checkpoint.IcmCheckpoint;

/** Builds the ICM a checkpoint describes (config, variant from its notes) and loads its weights and dictionary. */
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
}
