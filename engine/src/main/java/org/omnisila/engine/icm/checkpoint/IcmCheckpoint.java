package org.omnisila.engine.icm.checkpoint;

import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.Map;
import org.omnisila.engine.icm.CausalDictionary;
import org.omnisila.engine.icm.IcmConfig;

/**
 * Saving and loading an ICM checkpoint: any DJL {@link Block}, its {@link IcmConfig} and an optional
 * {@link CausalDictionary}. The entry point; the work is done by {@link CheckpointWriter},
 * {@link CheckpointReader} and {@link CheckpointLoader}. Layout and checks: {@code docs/formats.md},
 * section "Checkpoints".
 *
 * <pre>{@code
 * IcmCheckpoint.save(dir, config, block, dictionary, Map.of("dataset", "tsl-300", "epochs", "20"));
 * block.initialize(manager, DataType.FLOAT32, inputShapes);   // the same config, any seed
 * Checkpoint loaded = IcmCheckpoint.load(dir, config, block);
 * CausalDictionary dictionary = loaded.dictionary();           // null when none was saved
 * }</pre>
 */
public final class IcmCheckpoint {

    private IcmCheckpoint() {
    }

    /**
     * Writes {@code config.json}, {@code weights.safetensors}, {@code dictionary.safetensors} (when given)
     * and, last, {@code checkpoint.json}, each through a temporary file moved into place.
     *
     * @param dir        the checkpoint directory, created when missing; an existing checkpoint is replaced
     * @param config     the model config
     * @param block      an initialised block with float32 parameters
     * @param dictionary the IEC dictionary, or null
     * @param notes      free-form facts about the weights (training data set, epochs, ...); may be empty
     * @return the manifest written
     * @throws CheckpointException when the block cannot be saved or a file cannot be written
     */
    public static CheckpointManifest save(Path dir, IcmConfig config, Block block, CausalDictionary dictionary,
                                          Map<String, String> notes) {
        return CheckpointWriter.save(dir, config, block, dictionary, notes);
    }

    /**
     * As {@link #save(Path, IcmConfig, Block, CausalDictionary, Map)}, adding {@code optimizer.safetensors} with
     * a training run's optimizer state, so that a resumed run continues exactly.
     */
    public static CheckpointManifest save(Path dir, IcmConfig config, Block block, CausalDictionary dictionary,
                                          Map<String, StoredArray> optimizer, Map<String, String> notes) {
        return CheckpointWriter.save(dir, config, block, dictionary, optimizer, notes);
    }

    /**
     * @param dir a checkpoint directory
     * @return the checkpoint, verified (sizes and SHA-256 of every file) before parsing
     * @throws CheckpointException naming the file and what differs
     */
    public static Checkpoint read(Path dir) {
        return CheckpointReader.read(dir);
    }

    /**
     * Reads, verifies and copies the weights into {@code block}.
     *
     * @param dir      a checkpoint directory
     * @param expected the config {@code block} was built from; every field must equal the checkpoint's
     * @param block    an initialised block with the checkpoint's parameter names and shapes
     * @return the checkpoint, for its notes, dictionary and identity
     * @throws CheckpointException naming the file, config field or parameter and what differs
     */
    public static Checkpoint load(Path dir, IcmConfig expected, Block block) {
        Checkpoint checkpoint = CheckpointReader.read(dir);
        CheckpointLoader.loadInto(checkpoint, expected, block);
        return checkpoint;
    }
}
