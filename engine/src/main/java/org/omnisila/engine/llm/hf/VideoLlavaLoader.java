package org.omnisila.engine.llm.hf;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.omnisila.engine.icm.DeviceChoice;
import org.omnisila.engine.icm.checkpoint.CheckpointException;
import org.omnisila.engine.llm.ClipVisionConfig;
import org.omnisila.engine.llm.ClipVisionModel;
import org.omnisila.engine.llm.LlamaConfig;
import org.omnisila.engine.llm.LlamaConfigJson;
import org.omnisila.engine.llm.MemoryBudget;
import org.omnisila.engine.llm.MemoryEstimate;
import org.omnisila.engine.llm.MmProjector;
import org.omnisila.engine.llm.Precision;

/**
 * Loads a Video-LLaVA folder: the decoder ({@link LlamaLoader}), the projector and the video tower
 * ({@link BlockLoader}), after one memory estimate covering all three. Two layouts:
 * <ul>
 *   <li>{@link Layout#LLAVA} (LanguageBind/Video-LLaVA-7B): decoder {@code model.*}, {@code lm_head.*}; projector
 *       {@code model.mm_projector.0/2.*}; the tower under {@code model.video_tower.video_tower.embeddings...} in the
 *       same files, or (when the folder does not hold it) in a separate LanguageBind folder, named by {@code
 *       mm_video_tower} in config.json, whose tensors are {@code vision_model.*}: the caller passes that folder;
 *   <li>{@link Layout#LLAVA_HF} (llava-hf/Video-LLaVA-7B-hf): decoder {@code language_model.model.*}, {@code
 *       language_model.lm_head.*}; projector {@code multi_modal_projector.linear_1/linear_2.*}; tower
 *       {@code video_tower.vision_model.*}; tower settings under {@code vision_config}.
 * </ul>
 * The tower's settings come from the tower folder's config.json when given, else from the model's config.json
 * {@code vision_config}. The layout is told by the projector's tensor names.
 */
public final class VideoLlavaLoader {
    /**
     * Where PKU's code keeps the tower's {@code vision_model} (CLIPVisionTransformer): {@code
     * LlavaMetaModel.video_tower} (under {@code model.}) is a {@code LanguageBindVideoTower}, whose {@code video_tower}
     * attribute is LanguageBind's {@code model.vision_model}; so its tensors are {@code
     * model.video_tower.video_tower.embeddings...}.
     */
    static final String LLAVA_TOWER = "model.video_tower.video_tower.";
    /** llava-hf: {@code video_tower} is a {@code CLIPVisionModel}: {@code video_tower.vision_model.embeddings...}. */
    static final String HF_TOWER = "video_tower.";
    private static final String PROBE = "embeddings.patch_embedding.weight";

    private VideoLlavaLoader() {
    }

    /** The naming of a Video-LLaVA folder. */
    public enum Layout {
        /** LLaVA's own ({@code model.mm_projector.0}), as PKU-YuanGroup's code saves it */
        LLAVA,
        /** transformers' {@code VideoLlavaForConditionalGeneration} ({@code multi_modal_projector.linear_1}) */
        LLAVA_HF
    }

    /**
     * @param dir      the Video-LLaVA folder (config.json, safetensors, tokenizer)
     * @param towerDir a LanguageBind video tower folder, or null when {@code dir} holds the tower
     * @param parent   the manager whose device everything goes to
     * @param settings precision, context, batch, budget (as for the decoder alone)
     * @return the three loaded parts
     * @throws CheckpointException      for a missing file, a missing tower, projector or decoder tensor, or a shape
     *                                  that does not fit the configs (all named)
     * @throws IllegalArgumentException for an unusable config.json
     * @throws IllegalStateException    when the estimate does not fit the device
     */
    public static LoadedVideoLlava load(Path dir, Path towerDir, NDManager parent, LlamaLoader.Settings settings) {
        HfModelFolder folder = HfModelFolder.open(dir);
        LlamaConfig config = LlamaConfigJson.read(folder.configFile());
        ClipVisionConfig visionConfig = visionConfig(folder.configFile(), towerDir);
        FolderWeights weights = FolderWeights.read(folder);
        Layout layout = weights.has(MmProjector.HF_PREFIX + "linear_1.weight") ? Layout.LLAVA_HF : Layout.LLAVA;
        if (layout == Layout.LLAVA && !weights.has(MmProjector.PREFIX + "0.weight")) {
            throw new CheckpointException(dir + ": no projector: neither " + MmProjector.PREFIX + "0.weight nor "
                    + MmProjector.HF_PREFIX + "linear_1.weight is in " + names(folder));
        }
        boolean llavaTower = weights.has(LLAVA_TOWER + PROBE);
        boolean hfTower = weights.has(HF_TOWER + "vision_model." + PROBE);
        if (!llavaTower && !hfTower && towerDir == null) {
            throw new CheckpointException(dir + ": the video tower is not in " + names(folder) + " (looked for "
                    + LLAVA_TOWER + "embeddings.* and " + HF_TOWER + "vision_model.*); pass the tower folder "
                    + "(config.json's mm_video_tower: " + mmVideoTower(folder.configFile()) + ")");
        }
        ClipVisionModel tower = new ClipVisionModel(visionConfig);
        MmProjector projector = layout == Layout.LLAVA_HF
                ? MmProjector.llavaHf(visionConfig.hiddenSize(), config.hiddenSize())
                : new MmProjector(visionConfig.hiddenSize(), config.hiddenSize());

        int context = settings.contextLength() > 0 ? settings.contextLength() : config.maxPositionEmbeddings();
        MemoryEstimate estimate = MemoryEstimate.of(config, settings.precision(), context, settings.batch())
                .plusParameters(parameters(tower) + parameters(projector));
        settings.precision().requireUsableOn(parent.getDevice());
        long budget = settings.memoryBudget() >= 0 ? settings.memoryBudget()
                : MemoryBudget.available(parent.getDevice());
        MemoryBudget.require(estimate, budget, DeviceChoice.describe(parent.getDevice()));

        LoadedLlama decoder = LlamaLoader.load(dir, parent, settings);
        LoadedBlock<ClipVisionModel> loadedTower = null;
        try {
            Shape input = new Shape(1, 3, visionConfig.imageSize(), visionConfig.imageSize());
            if (towerDir != null) {
                loadedTower = BlockLoader.load(towerDir, tower, List.of(""), parent, settings.precision().dataType(),
                        input);
            } else if (llavaTower) {
                LoadedBlock<?> inner = BlockLoader.load(dir, tower.visionModel(), List.of(LLAVA_TOWER), parent,
                        settings.precision().dataType(), input);
                loadedTower = new LoadedBlock<>(dir, tower, inner.manager(), inner.prefix(), inner.ignored());
            } else {
                loadedTower = BlockLoader.load(dir, tower, List.of(HF_TOWER), parent, settings.precision().dataType(),
                        input);
            }
            LoadedBlock<MmProjector> loadedProjector = BlockLoader.load(dir, projector,
                    List.of(layout == Layout.LLAVA_HF ? MmProjector.HF_PREFIX : MmProjector.PREFIX), parent,
                    settings.precision().dataType(), new Shape(1, visionConfig.hiddenSize()));
            return new LoadedVideoLlava(dir, decoder, loadedTower, loadedProjector, estimate, layout);
        } catch (RuntimeException e) {
            if (loadedTower != null) {
                loadedTower.close();
            }
            decoder.close();
            throw e;
        }
    }

    /** The tower's settings: the tower folder's config.json, else {@code vision_config} in the model's. */
    static ClipVisionConfig visionConfig(Path modelConfig, Path towerDir) {
        if (towerDir != null) {
            Path file = towerDir.resolve(HfModelFolder.CONFIG);
            if (!Files.isRegularFile(file)) {
                throw new CheckpointException("the video tower folder " + towerDir + " has no config.json");
            }
            return ClipVisionConfig.read(file);
        }
        JsonNode root = json(modelConfig);
        if (!root.has("vision_config")) {
            throw new IllegalArgumentException(modelConfig + ": no vision_config, so the video tower's settings are "
                    + "unknown; pass the tower folder (mm_video_tower: " + mmVideoTower(modelConfig) + ")");
        }
        return ClipVisionConfig.read(modelConfig);
    }

    private static String mmVideoTower(Path config) {
        return json(config).path("mm_video_tower").asText("not set");
    }

    private static JsonNode json(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a readable config.json: " + e.getMessage(), e);
        }
    }

    private static long parameters(Block block) {
        return HfParameterNames.of(block).values().stream().mapToLong(p -> p.getShape().size()).sum();
    }

    private static List<String> names(HfModelFolder folder) {
        return folder.weightFiles().stream().map(f -> f.getFileName().toString()).toList();
    }
}
