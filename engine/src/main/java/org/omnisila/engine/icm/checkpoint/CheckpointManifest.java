package org.omnisila.engine.icm.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.icm.IcmConfig;

/**
 * The content of {@code checkpoint.json}: what wrote the checkpoint, the model config, and the size and
 * SHA-256 of every other file in the directory. A reader checks the files against it before parsing any.
 *
 * @param format    always {@value #FORMAT}
 * @param version   layout version; this build writes and reads {@value #VERSION}
 * @param createdBy program and version that wrote the checkpoint, e.g. {@value #CREATED_BY}
 * @param config    the model config, the same as {@code config.json}
 * @param files     every other file of the checkpoint, in the order written
 * @param notes     free-form facts about the weights (training data set, epochs, ...), in insertion order
 */
public record CheckpointManifest(@JsonProperty("format") String format, @JsonProperty("version") int version,
                                 @JsonProperty("createdBy") String createdBy,
                                 @JsonProperty("config") IcmConfig config,
                                 @JsonProperty("files") List<FileEntry> files,
                                 @JsonProperty("notes") Map<String, String> notes) {
    /** Value of the {@code format} field. */
    public static final String FORMAT = "omnisila-icm-checkpoint";
    /** The layout version this build writes and reads. */
    public static final int VERSION = 1;
    /** The {@code createdBy} of checkpoints this build writes. */
    public static final String CREATED_BY = "omnisila 0.1.0";
    /** The manifest's own file name; its presence marks a complete checkpoint. */
    public static final String MANIFEST = "checkpoint.json";
    /** The config, as JSON. */
    public static final String CONFIG = "config.json";
    /** Every block parameter, float32, under its full parameter name. */
    public static final String WEIGHTS = "weights.safetensors";
    /** The IEC dictionary, when the model has one. */
    public static final String DICTIONARY = "dictionary.safetensors";
    /** The optimizer's state (AdamW moments and step count) of a training run, when saved for resuming. */
    public static final String OPTIMIZER = "optimizer.safetensors";

    /**
     * One file of the checkpoint.
     *
     * @param name   file name inside the checkpoint directory
     * @param bytes  its size
     * @param sha256 its SHA-256, 64 lower-case hex digits
     */
    public record FileEntry(@JsonProperty("name") String name, @JsonProperty("bytes") long bytes,
                            @JsonProperty("sha256") String sha256) {
    }

    public CheckpointManifest {
        files = files == null ? List.of() : List.copyOf(files);
        notes = notes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    }

    /** @return the entry for {@code name}, or null when the manifest does not list it */
    public FileEntry file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }
}
