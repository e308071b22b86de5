package org.omnisila.engine.llm.tuning;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.omnisila.engine.icm.CausalDictionary;
import org.omnisila.engine.icm.checkpoint.CheckpointException;
import org.omnisila.engine.icm.checkpoint.StoredArray;
import org.omnisila.engine.llm.hf.SafetensorsWriter;

/**
 * A tuning run's state at a step, saved so that a killed or stopped run can go on ({@code omnisila tune --resume}) and
 * end with the same adapter as a run that was never interrupted. A checkpoint is a folder {@code checkpoint-STEP}
 * (as the Hugging Face Trainer names them) that is also a complete adapter folder (usable with {@code analyze
 * --adapter}), plus:
 *
 * <ul>
 * <li>{@code trainer_state.json}: the step, the epoch and the next batch in it, the epoch's running loss, every
 *     step's and epoch's loss so far, the fp16 loss scale, and the settings a resume must share (stage, fusion, seed,
 *     batch, accumulation, epochs, learning rate, warm-up, examples);</li>
 * <li>{@code trainer.safetensors}: every trained parameter (float32, by its trainer name) and AdamW's m and v and
 *     step count;</li>
 * <li>{@code dictionary.safetensors} in stage 2: the IEC dictionary in use (it is rebuilt only at epoch ends).</li>
 * </ul>
 *
 * <p>The folder is written under a temporary name and renamed when complete, so a kill leaves either the whole
 * checkpoint or none; older checkpoints beyond the newest {@code keep} are then deleted.
 */
public final class TuningCheckpoint {
    /** The folder name's prefix. */
    public static final String PREFIX = "checkpoint-";
    static final String STATE = "trainer_state.json";
    static final String TENSORS = "trainer.safetensors";
    static final String DICTIONARY = "dictionary.safetensors";
    private static final String PARAMETER = "param.";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private TuningCheckpoint() {
    }

    /**
     * What a resumed run must agree on with the run that saved the checkpoint (else its steps would not line up).
     */
    public record Identity(@JsonProperty("stage") String stage, @JsonProperty("fusion") String fusion,
                           @JsonProperty("seed") long seed, @JsonProperty("batch") int batch,
                           @JsonProperty("accumulate") int accumulate, @JsonProperty("epochs") int epochs,
                           @JsonProperty("learningRate") float learningRate,
                           @JsonProperty("warmupRatio") double warmupRatio, @JsonProperty("examples") int examples) {
        static Identity of(TuningSettings s, int examples) {
            return new Identity(s.stage().folder(), s.fusion().name(), s.seed(), s.batchSize(), s.accumulate(),
                    s.epochs(), s.learningRate(), s.warmupRatio(), examples);
        }
    }

    /**
     * Where a run stands after {@code step} optimizer steps.
     *
     * @param step          optimizer steps done (skipped fp16 steps included)
     * @param epoch         the current epoch, 0-based
     * @param batchInEpoch  the next batch of that epoch
     * @param epochSum      the sum of this epoch's step losses so far
     * @param epochSteps    this epoch's steps that counted towards it
     * @param stepLosses    every counted step's loss
     * @param epochLosses   every finished epoch's mean loss
     * @param testLosses    every finished epoch's test loss
     * @param lossScale     the fp16 loss scale (1 otherwise)
     * @param finiteInARow  finite steps since the scale last changed
     */
    public record State(@JsonProperty("step") int step, @JsonProperty("epoch") int epoch,
                        @JsonProperty("batchInEpoch") int batchInEpoch, @JsonProperty("epochSum") double epochSum,
                        @JsonProperty("epochSteps") int epochSteps,
                        @JsonProperty("stepLosses") List<Double> stepLosses,
                        @JsonProperty("epochLosses") List<Double> epochLosses,
                        @JsonProperty("testLosses") List<Double> testLosses,
                        @JsonProperty("lossScale") double lossScale, @JsonProperty("finiteInARow") int finiteInARow) {
    }

    private record StateFile(@JsonProperty("format") int format, @JsonProperty("identity") Identity identity,
                             @JsonProperty("state") State state) {
    }

    /** A checkpoint as read back. */
    public record Loaded(Identity identity, State state, Map<String, StoredArray> parameters,
                         Map<String, StoredArray> optimizer, CausalDictionary dictionary) {
    }

    /**
     * Writes {@code checkpoint-STEP} into {@code dir}: first the adapter ({@code adapter}: a callback that saves the
     * adapter files into the folder it is given), then the state; then renames it into place and deletes all but
     * the newest {@code keep}.
     *
     * @return the checkpoint folder
     */
    public static Path save(Path dir, Identity identity, State state, Map<String, NDArray> parameters,
                            Map<String, StoredArray> optimizer, CausalDictionary dictionary, AdapterWriter adapter,
                            int keep) throws IOException {
        Files.createDirectories(dir);
        Path done = dir.resolve(PREFIX + state.step());
        Path tmp = dir.resolve(PREFIX + state.step() + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        adapter.write(tmp);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        try (NDManager scratch = NDManager.newBaseManager(Device.cpu())) { // bytes for a file: no GPU copies
            parameters.forEach((name, a) -> tensors.put(PARAMETER + name, a));
            optimizer.forEach((name, a) -> tensors.put(name, a.toNDArray(scratch, name)));
            SafetensorsWriter.write(tmp.resolve(TENSORS), tensors);
        }
        if (dictionary != null) {
            Files.write(tmp.resolve(DICTIONARY), dictionary.encode());
        }
        Files.writeString(tmp.resolve(STATE), JSON.writeValueAsString(new StateFile(1, identity, state)) + "\n",
                StandardCharsets.UTF_8);
        deleteTree(done);
        Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE);
        List<Path> all = list(dir);
        for (int i = 0; i < all.size() - keep; i++) {
            deleteTree(all.get(i));
        }
        return done;
    }

    /** Saves the adapter files of the current weights into a folder. */
    @FunctionalInterface
    public interface AdapterWriter {
        void write(Path folder) throws IOException;
    }

    /**
     * @param checkpoint a {@code checkpoint-STEP} folder, or a folder holding such folders (the newest is taken)
     * @throws CheckpointException naming what is missing or unreadable
     */
    public static Loaded load(Path checkpoint) {
        Path dir = checkpoint;
        if (!Files.isRegularFile(dir.resolve(STATE))) {
            List<Path> all = Files.isDirectory(dir) ? list(dir) : List.of();
            if (all.isEmpty()) {
                throw new CheckpointException(checkpoint + " is neither a tuning checkpoint (no " + STATE
                        + ") nor a folder holding " + PREFIX + "STEP folders");
            }
            dir = all.get(all.size() - 1);
        }
        try {
            StateFile file = JSON.readValue(dir.resolve(STATE).toFile(), StateFile.class);
            if (file.format() != 1 || file.identity() == null || file.state() == null) {
                throw new CheckpointException(dir.resolve(STATE) + ": not a format-1 tuning state");
            }
            Map<String, StoredArray> parameters = new LinkedHashMap<>();
            Map<String, StoredArray> optimizer = new LinkedHashMap<>();
            try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
                for (NDArray a : NDList.decode(m, Files.readAllBytes(dir.resolve(TENSORS)))) {
                    StoredArray stored = new StoredArray(a.getShape(), a.toFloatArray());
                    if (a.getName().startsWith(PARAMETER)) {
                        parameters.put(a.getName().substring(PARAMETER.length()), stored);
                    } else {
                        optimizer.put(a.getName(), stored);
                    }
                }
            }
            Path dictionary = dir.resolve(DICTIONARY);
            return new Loaded(file.identity(), file.state(), parameters, optimizer,
                    Files.isRegularFile(dictionary) ? CausalDictionary.decode(Files.readAllBytes(dictionary)) : null);
        } catch (IOException e) {
            throw new CheckpointException(dir + ": cannot read the tuning checkpoint: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof CheckpointException) {
                throw e;
            }
            throw new CheckpointException(dir + ": not a readable tuning checkpoint: " + e.getMessage(), e);
        }
    }

    /** @return the complete checkpoint folders in {@code dir}, oldest (lowest step) first */
    static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d+") && Files.isDirectory(p))
                    .sorted(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString()
                            .substring(PREFIX.length()))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(p)) {
            s.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.delete(all.get(i));
        }
    }
}
