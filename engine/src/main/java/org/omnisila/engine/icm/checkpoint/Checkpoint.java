package org.omnisila.engine.icm.checkpoint;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.omnisila.engine.icm.CausalDictionary;
import org.omnisila.engine.icm.IcmConfig;

/**
 * A checkpoint read from disk and verified: every file had the size and SHA-256 that {@code checkpoint.json}
 * records. The weights are held eagerly in Java memory, independent of any NDManager.
 *
 * @param directory   where it was read from
 * @param sha256      SHA-256 of {@code checkpoint.json}, which pins every other file: the checkpoint's identity
 *                    (what {@code ModelInfo.checkpointSha256} of a result records)
 * @param createdBy   program and version that wrote it
 * @param config      the model config
 * @param notes       free-form facts about the weights, in the order written
 * @param weights     every stored parameter by full parameter name, in the order of the file (which
 *                    DJL's safetensors encoder does not keep: look arrays up by name)
 * @param dictionary  the IEC dictionary, or null when the checkpoint has none
 * @param optimizer   the training run's optimizer state by name (for an exact {@code --resume}); empty when
 *                    the checkpoint has none
 */
public record Checkpoint(Path directory, String sha256, String createdBy, IcmConfig config,
                         Map<String, String> notes, Map<String, StoredArray> weights, CausalDictionary dictionary,
                         Map<String, StoredArray> optimizer) {

    public Checkpoint {
        notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        optimizer = Collections.unmodifiableMap(new LinkedHashMap<>(optimizer));
    }
}
