package org.omnisila.engine.icm.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.icm.CausalDictionary;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.models.Sha256;

/**
 * Writes a checkpoint directory. Every file goes to a hidden temporary name in the directory, is forced to
 * disk and then moved into place in one step; {@code checkpoint.json} comes last, and a previous one is
 * deleted before any file is replaced. A crash therefore leaves either no {@code checkpoint.json} (not a
 * checkpoint) or one whose recorded sizes and hashes catch every file that was not fully replaced.
 */
public final class CheckpointWriter {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckpointWriter() {
    }

    /**
     * @param dir        the checkpoint directory, created when missing; an existing checkpoint there is replaced
     * @param config     the model config
     * @param block      an initialised block; every parameter must be float32
     * @param dictionary the IEC dictionary, or null when the model has none
     * @param notes      free-form facts about the weights (training data set, epochs, ...); may be empty
     * @return the manifest written as {@code checkpoint.json}
     * @throws CheckpointException when a parameter is uninitialised or not float32, or a file cannot be written
     */
    public static CheckpointManifest save(Path dir, IcmConfig config, Block block, CausalDictionary dictionary,
                                          Map<String, String> notes) {
        return save(dir, config, block, dictionary, Map.of(), notes);
    }

    /**
     * As {@link #save(Path, IcmConfig, Block, CausalDictionary, Map)}, with the optimizer's state as well.
     *
     * @param optimizer named float32 arrays of the optimizer's state ({@code optimizer.safetensors}); empty for
     *                  none
     */
    public static CheckpointManifest save(Path dir, IcmConfig config, Block block, CausalDictionary dictionary,
                                          Map<String, StoredArray> optimizer, Map<String, String> notes) {
        byte[] weights = encodeWeights(block);
        List<Path> temporary = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            List<CheckpointManifest.FileEntry> files = new ArrayList<>();
            files.add(writeTemporary(dir, CheckpointManifest.CONFIG, JSON.writeValueAsBytes(config), temporary));
            files.add(writeTemporary(dir, CheckpointManifest.WEIGHTS, weights, temporary));
            if (dictionary != null) {
                files.add(writeTemporary(dir, CheckpointManifest.DICTIONARY, dictionary.encode(), temporary));
            }
            if (!optimizer.isEmpty()) {
                files.add(writeTemporary(dir, CheckpointManifest.OPTIMIZER, encode(optimizer), temporary));
            }
            CheckpointManifest manifest = new CheckpointManifest(CheckpointManifest.FORMAT,
                    CheckpointManifest.VERSION, CheckpointManifest.CREATED_BY, config, files, notes);
            writeTemporary(dir, CheckpointManifest.MANIFEST, JSON.writeValueAsBytes(manifest), temporary);
            // From here on the directory is not a checkpoint until the new manifest is in place.
            Files.deleteIfExists(dir.resolve(CheckpointManifest.MANIFEST));
            if (dictionary == null) {
                Files.deleteIfExists(dir.resolve(CheckpointManifest.DICTIONARY));
            }
            if (optimizer.isEmpty()) {
                Files.deleteIfExists(dir.resolve(CheckpointManifest.OPTIMIZER));
            }
            for (CheckpointManifest.FileEntry file : files) {
                moveIntoPlace(dir, file.name());
            }
            moveIntoPlace(dir, CheckpointManifest.MANIFEST);
            return manifest;
        } catch (IOException e) {
            throw new CheckpointException(dir + ": cannot write the checkpoint: " + e.getMessage(), e);
        } finally {
            for (Path t : temporary) {
                try {
                    Files.deleteIfExists(t);
                } catch (IOException ignored) {
                    // best effort: a leftover hidden temporary file is harmless, the next save overwrites it
                }
            }
        }
    }

    private static byte[] encode(Map<String, StoredArray> arrays) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList list = new NDList();
            arrays.forEach((name, a) -> list.add(a.toNDArray(manager, name)));
            return list.encode(NDList.Encoding.SAFETENSORS);
        }
    }

    /** @return every parameter of {@code block} as safetensors bytes, each array under its full name */
    static byte[] encodeWeights(Block block) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList list = new NDList();
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (!p.getValue().isInitialized()) {
                    throw new CheckpointException("parameter " + p.getKey()
                            + " is not initialised: initialise the block before saving it");
                }
                NDArray array = p.getValue().getArray();
                if (array.getDataType() != DataType.FLOAT32) {
                    throw new CheckpointException("parameter " + p.getKey() + " is " + array.getDataType()
                            + "; checkpoints hold float32 parameters only");
                }
                // a copy on a CPU manager of our own, whatever device the block lives on
                list.add(new StoredArray(array.getShape(), array.toFloatArray()).toNDArray(manager, p.getKey()));
            }
            return list.encode(NDList.Encoding.SAFETENSORS);
        }
    }

    private static Path temporaryName(Path dir, String name) {
        return dir.resolve("." + name + ".tmp");
    }

    private static CheckpointManifest.FileEntry writeTemporary(Path dir, String name, byte[] content,
                                                               List<Path> temporary) throws IOException {
        Path tmp = temporaryName(dir, name);
        temporary.add(tmp);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        return new CheckpointManifest.FileEntry(name, content.length, Sha256.of(tmp));
    }

    private static void moveIntoPlace(Path dir, String name) throws IOException {
        Files.move(temporaryName(dir, name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
