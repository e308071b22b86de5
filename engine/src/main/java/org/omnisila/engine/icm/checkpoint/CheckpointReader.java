package org.omnisila.engine.icm.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.omnisila.engine.icm.CausalDictionary;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.models.Sha256;

/**
 * Reads a checkpoint directory: the manifest first (format and version), then every file it lists is checked
 * for size and SHA-256 ({@link CheckpointVerifier}), and only then are the config, the weights and the
 * dictionary parsed.
 */
public final class CheckpointReader {

    private static final ObjectMapper JSON = CheckpointWriter.JSON;

    private CheckpointReader() {
    }

    /**
     * @param dir a checkpoint directory written by {@link CheckpointWriter}
     * @return the verified checkpoint, weights held in Java memory
     * @throws CheckpointException when {@code checkpoint.json} is missing, of another format or a newer version,
     *                             or a listed file is missing, truncated, changed or unreadable
     */
    public static Checkpoint read(Path dir) {
        Path manifestFile = dir.resolve(CheckpointManifest.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new CheckpointException(dir + " is not an Omni-SILA checkpoint: it has no "
                    + CheckpointManifest.MANIFEST + " (an interrupted save leaves none)");
        }
        CheckpointManifest manifest = manifest(manifestFile);
        CheckpointVerifier.verify(dir, manifest);
        if (manifest.file(CheckpointManifest.WEIGHTS) == null) {
            throw new CheckpointException(manifestFile + ": lists no " + CheckpointManifest.WEIGHTS);
        }
        Map<String, StoredArray> weights = weights(dir.resolve(CheckpointManifest.WEIGHTS));
        CausalDictionary dictionary = manifest.file(CheckpointManifest.DICTIONARY) == null ? null
                : dictionary(dir.resolve(CheckpointManifest.DICTIONARY));
        Map<String, StoredArray> optimizer = manifest.file(CheckpointManifest.OPTIMIZER) == null ? Map.of()
                : weights(dir.resolve(CheckpointManifest.OPTIMIZER));
        try {
            return new Checkpoint(dir, Sha256.of(manifestFile), manifest.createdBy(), manifest.config(),
                    manifest.notes(), weights, dictionary, optimizer);
        } catch (IOException e) {
            throw new CheckpointException(manifestFile + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Format and version are checked on the tree, so that a newer layout is named as such, not as bad JSON. */
    private static CheckpointManifest manifest(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            String format = root.path("format").asText();
            if (!CheckpointManifest.FORMAT.equals(format)) {
                throw new CheckpointException(file + ": field format is \"" + format + "\", expected \""
                        + CheckpointManifest.FORMAT + "\"");
            }
            int version = root.path("version").asInt(-1);
            if (version > CheckpointManifest.VERSION) {
                throw new CheckpointException(file + ": checkpoint version " + version
                        + " is newer than this build reads (" + CheckpointManifest.VERSION
                        + "): written by a newer Omni-SILA (" + root.path("createdBy").asText("?") + "), update");
            }
            if (version != CheckpointManifest.VERSION) {
                throw new CheckpointException(file + ": field version is " + version + ", expected "
                        + CheckpointManifest.VERSION);
            }
            return JSON.treeToValue(root, CheckpointManifest.class);
        } catch (JsonProcessingException e) {
            // includes an invalid config: IcmConfig's own message says which field
            throw new CheckpointException(file + ": cannot be read as a checkpoint manifest: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** @return every array of the safetensors file by name, in the file's order */
    static Map<String, StoredArray> weights(Path file) {
        Map<String, StoredArray> out = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (NDArray array : NDList.decode(manager, Files.readAllBytes(file))) {
                String name = array.getName();
                if (name == null || out.containsKey(name)) {
                    throw new CheckpointException(file.getFileName() + ": an array without a name or with a "
                            + "repeated name (" + name + ")");
                }
                if (array.getDataType() != DataType.FLOAT32) {
                    throw new CheckpointException(file.getFileName() + ": array " + name + " is "
                            + array.getDataType() + ", expected float32");
                }
                out.put(name, new StoredArray(array.getShape(), array.toFloatArray()));
            }
        } catch (IOException e) {
            throw new CheckpointException(file.getFileName() + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof CheckpointException) {
                throw e;
            }
            throw new CheckpointException(file.getFileName() + ": not a readable safetensors file: "
                    + e.getMessage(), e);
        }
        return out;
    }

    private static CausalDictionary dictionary(Path file) {
        try {
            return CausalDictionary.decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CheckpointException(file.getFileName() + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CheckpointException(file.getFileName() + ": not a valid IEC dictionary: " + e.getMessage(), e);
        }
    }
}
