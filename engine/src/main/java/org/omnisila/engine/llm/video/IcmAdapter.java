package org.omnisila.engine.llm.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.icm.CausalDictionary;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.icm.checkpoint.CheckpointException;
import org.omnisila.engine.llm.hf.FolderWeights;
import org.omnisila.engine.llm.hf.HfModelFolder;
import org.omnisila.engine.llm.hf.HfParameterNames;
import org.omnisila.engine.llm.hf.LoadedVideoLlava;
import org.omnisila.engine.llm.hf.SafetensorsFile;
import org.omnisila.engine.llm.hf.SafetensorsTensor;
import org.omnisila.engine.llm.hf.SafetensorsWriter;
import org.omnisila.engine.llm.lora.LoadedAdapter;
import org.omnisila.engine.llm.lora.LoraConfig;
import org.omnisila.engine.llm.lora.PeftAdapterLoader;
import org.omnisila.engine.llm.lora.PeftAdapterWriter;

/**
 * An ICM adapter folder: what tuning adds to a Video-LLaVA base model, in three parts.
 *
 * <pre>
 * adapter_config.json, adapter_model.safetensors   the decoder's LoRA pairs, PEFT's layout (llm.lora)
 * icm_config.json                                   {@link IcmAdapterConfig}: stage, fusion, system prompt, sizes
 * icm.safetensors                                   the ICM block ({@link SceneFusion}: sbm.*, iec.*, fusion_norm.*,
 *                                                   scene_projector.*) and its causal dictionary
 *                                                   (iec.dictionary.centres [K, h], iec.dictionary.prior [K]);
 *                                                   absent for fusion NONE (a stage-1 adapter)
 * </pre>
 * The ICM block's tensors are named as {@link HfParameterNames} names its parameters. Saving writes every file
 * under a temporary name and moves it into place, so a killed save leaves the old adapter or the new one.
 */
public final class IcmAdapter {
    /** The ICM adapter's own config file. */
    public static final String CONFIG = "icm_config.json";
    /** The ICM block's tensors. */
    public static final String WEIGHTS = "icm.safetensors";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private IcmAdapter() {
    }

    /**
     * A loaded adapter: the base model with the LoRA pairs attached (unmerged) and the ICM block, if any.
     *
     * @param config  what icm_config.json says
     * @param model   the whole model, ready for a training forward or generation
     * @param lora    the LoRA pairs (close to free them)
     * @param manager the ICM block's manager, or null without one
     */
    public record Loaded(IcmAdapterConfig config, VideoLlava model, LoadedAdapter lora, NDManager manager)
            implements AutoCloseable {
        @Override
        public void close() {
            lora.close();
            if (manager != null) {
                manager.close();
            }
        }
    }

    /**
     * Saves the model's LoRA pairs and ICM block into {@code folder} (created when missing).
     *
     * @param folder  the adapter folder
     * @param model   the tuned model; its fusion must be set unless {@code config.fusion()} is NONE, and its
     *                IEC must have its dictionary
     * @param lora    the LoRA settings the pairs were attached with
     * @param config  what to write in icm_config.json
     */
    public static void save(Path folder, VideoLlava model, LoraConfig lora, IcmAdapterConfig config)
            throws IOException {
        Files.createDirectories(folder);
        PeftAdapterWriter.save(folder, model.decoder(), lora);
        if (config.fusion() != FusionMode.NONE) {
            SceneFusion fusion = model.fusion();
            if (fusion == null) {
                throw new IllegalArgumentException("fusion " + config.fusion() + " but the model has no ICM block");
            }
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            HfParameterNames.of(fusion).forEach((name, p) -> tensors.put(name, p.getArray()));
            CausalDictionary dictionary = fusion.iec().getDictionary();
            if (dictionary == null) {
                throw new IllegalArgumentException("the ICM block's IEC has no causal dictionary to save");
            }
            try (NDManager scratch = fusion.sceneProjector().weight().getArray().getManager().newSubManager()) {
                NDList stored = dictionary.toNDList(scratch);
                tensors.put(CausalDictionary.CENTRES, stored.get(0));
                tensors.put(CausalDictionary.PRIOR, stored.get(1));
                Path tmp = folder.resolve(WEIGHTS + ".tmp");
                SafetensorsWriter.write(tmp, tensors);
                Files.move(tmp, folder.resolve(WEIGHTS), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } else {
            Files.deleteIfExists(folder.resolve(WEIGHTS));
        }
        Path tmp = folder.resolve(CONFIG + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(config) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, folder.resolve(CONFIG), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** @return the folder's icm_config.json */
    public static IcmAdapterConfig readConfig(Path folder) {
        Path file = folder.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(folder + " has no " + CONFIG + " (not an Omni-SILA ICM adapter folder; "
                    + "a plain PEFT adapter has only " + PeftAdapterLoader.CONFIG + " and "
                    + PeftAdapterLoader.WEIGHTS + ")");
        }
        try {
            return JSON.readValue(file.toFile(), IcmAdapterConfig.class);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new CheckpointException(file + (loc == null ? "" : ", line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads an adapter onto a loaded base model.
     *
     * @param folder the adapter folder
     * @param base   the base Video-LLaVA (its decoder gets the LoRA pairs)
     * @param type   the LoRA pairs' type (the base's). The scene block is always float32, as it was trained (mixed
     *               precision): it is small, its scene features are float32, and its output is cast to the decoder's
     *               type where it enters the sequence
     * @return the model with the adapter; LoRA unmerged (merge it for inference with {@code Lora.merge})
     * @throws CheckpointException for a missing or unreadable file, or tensors that do not fit (all in one
     *                             message)
     */
    public static Loaded load(Path folder, LoadedVideoLlava base, DataType type) {
        IcmAdapterConfig config = readConfig(folder);
        NDManager parent = base.decoder().manager();
        LoadedAdapter lora = PeftAdapterLoader.load(folder, base.decoder().model(), parent, type);
        if (config.fusion() == FusionMode.NONE) {
            return new Loaded(config, VideoLlava.of(base, null, FusionMode.NONE), lora, null);
        }
        NDManager manager = parent.newSubManager();
        try {
            int hidden = base.decoder().model().config().hiddenSize();
            SceneFusion fusion = new SceneFusion(config.icm(), hidden);
            fusion.initialize(manager, DataType.FLOAT32, IcmModel.inputShapes(config.icm(), 1));
            Path weightsFile = folder.resolve(WEIGHTS);
            if (!Files.isRegularFile(weightsFile)) {
                throw new CheckpointException(folder + " has no " + WEIGHTS + " (" + CONFIG + " says fusion "
                        + config.fusion() + ", which needs the ICM block's weights)");
            }
            FolderWeights weights = FolderWeights.read(new HfModelFolder(folder, folder.resolve(CONFIG),
                    List.of(weightsFile), Map.of()));
            Map<String, Parameter> expected = HfParameterNames.of(fusion);
            List<String> problems = new ArrayList<>(weights.problems(expected, ""));
            for (String name : List.of(CausalDictionary.CENTRES, CausalDictionary.PRIOR)) {
                if (!weights.names().contains(name)) {
                    problems.add("tensor " + name + " (the IEC's causal dictionary) is missing from " + WEIGHTS);
                }
            }
            if (!problems.isEmpty()) {
                throw new CheckpointException(folder + ": the ICM block does not fit " + CONFIG + " ("
                        + problems.size() + " problem(s)): " + String.join("; ", problems));
            }
            weights.fill(expected, "", manager, DataType.FLOAT32);
            fusion.iec().setDictionary(readDictionary(weightsFile, manager));
            return new Loaded(config, VideoLlava.of(base, fusion, config.fusion()), lora, manager);
        } catch (RuntimeException e) {
            manager.close();
            lora.close();
            throw e;
        }
    }

    private static CausalDictionary readDictionary(Path file, NDManager manager) {
        SafetensorsFile st = SafetensorsFile.open(file);
        try (FileChannel channel = st.openChannel(); NDManager scratch = manager.newSubManager()) {
            NDList list = new NDList();
            for (String name : List.of(CausalDictionary.CENTRES, CausalDictionary.PRIOR)) {
                SafetensorsTensor tensor = st.tensors().get(name);
                NDArray a = st.read(channel, tensor, scratch, DataType.FLOAT32,
                        SafetensorsFile.stagingBuffer(SafetensorsFile.stagingBytes(tensor)));
                a.setName(name);
                list.add(a);
            }
            return CausalDictionary.fromNDList(list);
        } catch (IOException e) {
            throw new CheckpointException(file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + ": " + e.getMessage(), e);
        }
    }
}
