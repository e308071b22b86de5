package org.omnisila.engine.icm.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.omnisila.engine.icm.IcmConfig;

/**
 * Copies a checkpoint's weights into a block. The block must already be initialised (built from the same
 * config and {@code initialize}d on the caller's manager and device): the loader does not guess input shapes,
 * it overwrites each parameter's array in place, so the arrays keep their manager, device and gradient
 * setting. Everything is checked before anything is written, so a refused load leaves the block as it was.
 *
 * <p>After loading, read the parameters through a fresh {@code ParameterStore}: a store caches the arrays it
 * has handed out.
 */
public final class CheckpointLoader {

    private CheckpointLoader() {
    }

    /**
     * @param checkpoint a checkpoint from {@link CheckpointReader#read}
     * @param expected the config the block was built from
     * @param block an initialised block with float32 parameters
     * @throws CheckpointException naming each differing config field with both values; the parameter names
     *                             missing from the checkpoint and those it has in excess; each parameter whose
     *                             shape differs, with both shapes; or an uninitialised or non-float32 parameter
     */
    public static void loadInto(Checkpoint checkpoint, IcmConfig expected, Block block) {
        List<String> configDiff = ConfigDiff.between(checkpoint.config(), expected);
        if (!configDiff.isEmpty()) {
            throw new CheckpointException(checkpoint.directory() + ": config differs: "
                    + String.join("; ", configDiff));
        }
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            parameters.put(p.getKey(), p.getValue());
        }
        checkNames(checkpoint, parameters);
        checkArrays(checkpoint, parameters);
        for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
            p.getValue().getArray().set(FloatBuffer.wrap(checkpoint.weights().get(p.getKey()).values()));
        }
    }

    private static void checkNames(Checkpoint checkpoint, Map<String, Parameter> parameters) {
        TreeSet<String> missing = new TreeSet<>(parameters.keySet());
        missing.removeAll(checkpoint.weights().keySet());
        TreeSet<String> unexpected = new TreeSet<>(checkpoint.weights().keySet());
        unexpected.removeAll(parameters.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) {
                parts.add("missing from the checkpoint: " + missing);
            }
            if (!unexpected.isEmpty()) {
                parts.add("in the checkpoint but not in the block: " + unexpected);
            }
            throw new CheckpointException(checkpoint.directory() + ": parameter names differ: "
                    + String.join("; ", parts));
        }
    }

    private static void checkArrays(Checkpoint checkpoint, Map<String, Parameter> parameters) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
            String name = p.getKey();
            if (!p.getValue().isInitialized()) {
                problems.add(name + " is not initialised (initialise the block before loading)");
                continue;
            }
            NDArray array = p.getValue().getArray();
            StoredArray stored = checkpoint.weights().get(name);
            if (array.getDataType() != DataType.FLOAT32) {
                problems.add(name + " is " + array.getDataType() + " in the block, the checkpoint holds float32");
            } else if (!array.getShape().equals(stored.shape())) {
                problems.add(name + " stored " + stored.shape() + ", block expects " + array.getShape());
            }
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException(checkpoint.directory() + ": parameters do not fit: "
                    + String.join("; ", problems));
        }
    }
}
