package org.omnisila.engine.llm.run;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.api.SceneWeights;
import org.omnisila.engine.icm.DeviceChoice;
import org.omnisila.engine.icm.checkpoint.CheckpointException;
import org.omnisila.engine.llm.ClipFramePreprocessor;
import org.omnisila.engine.llm.Generation;
import org.omnisila.engine.llm.GenerationSettings;
import org.omnisila.engine.llm.Precision;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedVideoLlava;
import org.omnisila.engine.llm.hf.VideoLlavaLoader;
import org.omnisila.engine.llm.lora.Lora;
import org.omnisila.engine.llm.text.AnswerParser;
import org.omnisila.engine.llm.text.LlmTokenizer;
import org.omnisila.engine.llm.text.PromptTokens;
import org.omnisila.engine.llm.text.VicunaTemplate;
import org.omnisila.engine.llm.tuning.SceneInputs;
import org.omnisila.engine.llm.tuning.VideoFrames8;
import org.omnisila.engine.llm.video.FusionMode;
import org.omnisila.engine.llm.video.IcmAdapter;
import org.omnisila.engine.llm.video.VideoLlava;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.scene.SceneExtractors;
import org.omnisila.engine.video.VideoCancelledException;
import org.omnisila.engine.video.VideoProbe;

/**
 * The full model ready to answer: a Video-LLaVA folder (+ tower folder) with an optional ICM adapter, its LoRA
 * merged, its tokenizer and conversation template, and (when the adapter's fusion needs them) the four bundled scene
 * extractors. What {@code omnisila analyze --model HF --adapter ICM}, {@code omnisila chat} and the workbench's
 * instruction box run. Mirrors Video-LLaVA's {@code serve/cli.py}: load, then per video {@code
 * load_and_transform_video}, then per question the template's prompt, {@code generate} with the stop string, strip.
 *
 * <p>Not thread-safe: one question at a time. Close it to free the model.
 */
public final class FullModel implements AutoCloseable {
    private final LoadedVideoLlava base;
    private final IcmAdapter.Loaded adapter;
    private final VideoLlava model;
    private final LlmTokenizer tokenizer;
    private final VicunaTemplate template;
    private final List<SceneExtractor> extractors;
    private final ClipFramePreprocessor preprocessor;
    private final ModelInfo info;
    private final NDManager manager;
    private final Precision precision;

    private FullModel(LoadedVideoLlava base, IcmAdapter.Loaded adapter, VideoLlava model, LlmTokenizer tokenizer,
                      VicunaTemplate template, List<SceneExtractor> extractors, ModelInfo info, NDManager manager,
                      Precision precision) {
        this.base = base;
        this.adapter = adapter;
        this.model = model;
        this.tokenizer = tokenizer;
        this.template = template;
        this.extractors = extractors;
        this.preprocessor = new ClipFramePreprocessor(model.tower().config().imageSize());
        this.info = info;
        this.manager = manager;
        this.precision = precision;
    }

    /**
     * @param dir a folder given as {@code --model}
     * @return whether it is a Hugging Face LLaMA/LLaVA folder: a config.json whose {@code model_type} names llama
     *         or llava (Video-LLaVA-7B: "llava"; llava-hf: "video_llava"), rather than a small ICM checkpoint
     */
    public static boolean isHfFolder(Path dir) {
        Path config = dir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return false;
        }
        try {
            String type = new com.fasterxml.jackson.databind.ObjectMapper().readTree(config.toFile())
                    .path("model_type").asText("").toLowerCase(java.util.Locale.ROOT);
            return type.contains("llama") || type.contains("llava");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** @return fp16 on CUDA (Video-LLaVA-7B's published format), fp32 on the CPU */
    public static Precision defaultPrecision(Device device) {
        return device.isGpu() ? Precision.FP16 : Precision.FP32;
    }

    /**
     * Loads everything, in this order: the adapter's config (cheap: a broken adapter fails before minutes of
     * loading), the base (memory estimate first), the adapter's LoRA (merged) and scene block, the tokenizer, the
     * scene extractors (only for fusion ADD or APPEND).
     *
     * @param baseDir      a Video-LLaVA folder (config.json, safetensors, tokenizer files)
     * @param towerDir     a LanguageBind video tower folder, or null when the base holds the tower
     * @param adapterDir   an ICM adapter folder, or null for plain Video-LLaVA
     * @param device       where it runs
     * @param precision    fp32 or fp16 on the CPU; fp16 or bf16 on CUDA
     * @param memoryBudget bytes the model may use, -1 for what the device reports
     * @param files        where the bundled scene extractors' files are
     * @param progress     receives the fraction loaded, ending with 1.0
     * @throws CheckpointException      a missing or broken folder, file or tensor (named)
     * @throws IllegalArgumentException an unusable config, or bf16 on the CPU
     * @throws IllegalStateException    when the memory estimate does not fit the device
     */
    public static FullModel open(Path baseDir, Path towerDir, Path adapterDir, Device device, Precision precision,
                                 long memoryBudget, ModelFiles files, DoubleConsumer progress) {
        requireFolder(baseDir, "the Video-LLaVA folder");
        if (towerDir != null) {
            requireFolder(towerDir, "the video tower folder");
        }
        if (adapterDir != null) {
            requireFolder(adapterDir, "the ICM adapter folder");
        }
        var adapterConfig = adapterDir == null ? null : IcmAdapter.readConfig(adapterDir);
        progress.accept(0.02);
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        LoadedVideoLlava base = null;
        IcmAdapter.Loaded adapter = null;
        LlmTokenizer tokenizer = null;
        List<SceneExtractor> extractors = null;
        try {
            base = VideoLlavaLoader.load(baseDir, towerDir, manager,
                    new LlamaLoader.Settings(precision, 0, 1, memoryBudget));
            progress.accept(0.7);
            VideoLlava model;
            if (adapterDir != null) {
                adapter = IcmAdapter.load(adapterDir, base, precision.dataType());
                Lora.merge(base.decoder().model());
                model = adapter.model();
            } else {
                model = VideoLlava.of(base, null, FusionMode.NONE);
            }
            progress.accept(0.8);
            tokenizer = LlmTokenizer.open(baseDir);
            String system = adapterConfig == null ? VicunaTemplate.SYSTEM_LLAVA_V1 : adapterConfig.system();
            VicunaTemplate template = new VicunaTemplate(system, VicunaTemplate.FRAMES);
            if (model.mode() != FusionMode.NONE) {
                extractors = SceneExtractors.open(device, files);
                checkWidths(extractors, model, adapterDir);
            }
            progress.accept(0.95);
            String name = adapterDir == null ? "Video-LLaVA" : "ICM+Video-LLaVA";
            String config = adapterDir == null ? "full-llava_v1"
                    : "full-" + adapterConfig.stage() + "-" + model.mode().name().toLowerCase(java.util.Locale.ROOT);
            ModelInfo info = new ModelInfo(name, config, FullModelHash.of(baseDir, towerDir, adapterDir),
                    DeviceChoice.describe(device));
            FullModel out = new FullModel(base, adapter, model, tokenizer, template, extractors, info, manager,
                    precision);
            progress.accept(1.0);
            return out;
        } catch (RuntimeException e) {
            if (extractors != null) {
                extractors.forEach(SceneExtractor::close);
            }
            if (tokenizer != null) {
                tokenizer.close();
            }
            if (adapter != null) {
                adapter.close();
            }
            if (base != null) {
                base.close();
            }
            manager.close();
            throw e;
        }
    }

    private static void requireFolder(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException(what + " " + dir + (Files.exists(dir) ? " is not a folder" : " does not exist"));
        }
    }

    private static void checkWidths(List<SceneExtractor> extractors, VideoLlava model, Path adapterDir) {
        for (int j = 0; j < extractors.size(); j++) {
            int want = model.fusion().config().sceneWidth(j);
            if (extractors.get(j).width() != want) {
                throw new CheckpointException(adapterDir.resolve(IcmAdapter.CONFIG) + ": icm.sceneWidths[" + j
                        + "] is " + want + " but the bundled " + extractors.get(j).scene() + " extractor gives "
                        + extractors.get(j).width() + " values per frame");
            }
        }
    }

    /**
     * Greedy decoding (Video-LLaVA's cli.py samples at temperature 0.2; greedy makes answers repeatable) of at most
     * {@code maxNewTokens}, stopping at the tokenizer's EOS, padding with its pad token.
     */
    public GenerationSettings settings(int maxNewTokens) {
        return GenerationSettings.greedy(maxNewTokens).withStopTokens(tokenizer.special().eos())
                .withPadToken(Math.max(0, tokenizer.special().pad()));
    }

    /**
     * Reads the video's eight frames once, makes their pixels and (with a scene block) the scene features through
     * the bundled extractors, the scene tokens and the routing.
     *
     * @param progress  the fraction done, ending with 1.0
     * @param cancelled polled per frame and between steps
     * @throws VideoCancelledException when cancelled
     */
    public PreparedVideo prepare(Path video, DoubleConsumer progress, BooleanSupplier cancelled) {
        return prepare(video, 0, Double.POSITIVE_INFINITY, progress, cancelled);
    }

    /**
     * {@link #prepare(Path, DoubleConsumer, BooleanSupplier)} for the window [start, end) of the video: its own
     * eight frames, spread over the window as over a whole video.
     *
     * @param end seconds; past the video's end (or infinite) means to the end
     */
    public PreparedVideo prepare(Path video, double start, double end, DoubleConsumer progress,
                                 BooleanSupplier cancelled) {
        return NoGrad.run(() -> prepareVideo(video, start, end, progress, cancelled));
    }

    private PreparedVideo prepareVideo(Path video, double start, double end, DoubleConsumer progress,
                                       BooleanSupplier cancelled) {
        double duration = VideoProbe.probe(video).duration();
        VideoFrames8 frames = VideoFrames8.sample(video, start, end, f -> progress.accept(0.7 * f), cancelled);
        if (cancelled.getAsBoolean()) {
            throw new VideoCancelledException(video, start, Math.min(end, duration));
        }
        NDManager sub = manager.newSubManager();
        try {
            NDArray pixels = preprocessor.images(sub, frames.images()); // [8, 3, S, S]
            NDArray sceneTokens = null;
            SceneWeights routing = null;
            List<NDArray> interventions = null;
            if (model.mode() != FusionMode.NONE) {
                NDList x = SceneInputs.extract(extractors, frames).toNd(sub); // x_j [1, 8, d_j]
                progress.accept(0.9);
                NDList out = model.sceneTokens(new ParameterStore(sub, false), x, false);
                sceneTokens = out.get(0); // [1, 8, d]
                float[] p = out.get(1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                Map<Scene, Double> w = new EnumMap<>(Scene.class);
                for (Scene s : Scene.values()) {
                    w.put(s, (double) p[s.ordinal()]);
                }
                routing = SceneWeights.of(w);
                interventions = model.fusion().interventions(new ParameterStore(sub, false), x);
            }
            progress.accept(1.0);
            return new PreparedVideo(video, duration, frames.times(), pixels, sceneTokens, routing, interventions,
                    sub);
        } catch (RuntimeException e) {
            sub.close();
            throw e;
        }
    }

    /**
     * Answers one instruction about a prepared video.
     *
     * @param video       from {@link #prepare}
     * @param history     earlier turns of this conversation, oldest first
     * @param instruction the new question
     * @param settings    decoding ({@link #settings}, optionally {@code withSampling}); the stop condition is
     *                    replaced by this answer's stop strings, listener and cancel flag
     * @param listener    receives the answer so far after every token (no partial stop string); may be null
     * @param cancel      polled after every token: true ends the answer there (the prefill is not interrupted)
     * @return the answer, parsed, with routing and timing
     */
    public FullAnswer ask(PreparedVideo video, List<VicunaTemplate.Turn> history, String instruction,
                          GenerationSettings settings, Consumer<String> listener, BooleanSupplier cancel) {
        return NoGrad.run(() -> answer(video, history, instruction, settings, listener, cancel));
    }

    /**
     * @return whether the conversation (history + instruction + the video's tokens) leaves room for at least one
     *         answer token in the model's context; {@link #ask} refuses one that does not
     */
    public boolean fits(PreparedVideo video, List<VicunaTemplate.Turn> history, String instruction) {
        return sequenceLength(prompt(history, instruction), video) < model.decoder().config().maxPositionEmbeddings();
    }

    private FullAnswer answer(PreparedVideo video, List<VicunaTemplate.Turn> history, String instruction,
                              GenerationSettings settings, Consumer<String> listener, BooleanSupplier cancel) {
        StreamingStop stop = new StreamingStop(tokenizer, template.stopStrings(), listener, cancel);
        PromptTokens prompt = prompt(history, instruction);
        int length = sequenceLength(prompt, video);
        int context = model.decoder().config().maxPositionEmbeddings();
        if (length >= context) {
            throw new IllegalArgumentException("the conversation is too long for the model: " + length
                    + " positions with the video's tokens, and it takes " + context + " (max_position_embeddings); "
                    + "start a new conversation");
        }
        if (settings.maxNewTokens() > context - length) { // as many as fit
            settings = new GenerationSettings(context - length, settings.temperature(), settings.topP(),
                    settings.seed(), settings.stopTokenIds(), settings.padTokenId(), settings.useCache(), null);
        }
        long start = System.nanoTime();
        Generation g;
        try (NDManager question = manager.newSubManager()) {
            // copies on a manager of this question: what the tower and the fusion derive from them is freed with it
            NDArray pixels = own(video.pixels(), question);
            NDArray scene = video.sceneTokens() == null ? null : own(video.sceneTokens(), question);
            g = model.generateWithSceneTokens(List.of(prompt), List.of(pixels), scene,
                    settings.withStopCondition(stop));
        }
        long[] tokens = g.tokens().get(0);
        String text = template.stopStrings().answer(tokenizer.decode(tokens));
        if (listener != null) {
            listener.accept(text);
        }
        double first = stop.firstNanos() < 0 ? (System.nanoTime() - start) / 1e6 : (stop.firstNanos() - start) / 1e6;
        return new FullAnswer(text, AnswerParser.parse(text, video.duration()), video.routing(), tokens.length,
                g.stops().get(0), stop.cancelled(), first, stop.tokensPerSecond());
    }

    /**
     * @return the decoder's sequence length of the prompt: each placeholder becomes a frame's CLS + patch tokens
     *         ({@code numPositions}), and APPEND adds the scene tokens after the last frame
     */
    int sequenceLength(PromptTokens prompt, PreparedVideo video) {
        int perFrame = model.tower().config().numPositions();
        int length = prompt.ids().length + prompt.imagePositions().length * (perFrame - 1);
        if (model.mode() == FusionMode.APPEND) {
            length += Math.toIntExact(video.sceneTokens().getShape().get(1));
        }
        return length;
    }

    /** @return a copy of {@code a} on {@code manager} (arrays computed from it go to the same manager) */
    static NDArray own(NDArray a, NDManager manager) {
        NDArray copy = a.duplicate();
        copy.attach(manager);
        return copy;
    }

    /** @return the prompt's ids and placeholder positions, as Video-LLaVA tokenizes it */
    PromptTokens prompt(List<VicunaTemplate.Turn> history, String instruction) {
        return template.tokens(tokenizer, template.prompt(history, instruction));
    }

    /** @return what results record of the model */
    public ModelInfo info() {
        return info;
    }

    public VideoLlava model() {
        return model;
    }

    public LlmTokenizer tokenizer() {
        return tokenizer;
    }

    public VicunaTemplate template() {
        return template;
    }

    public Precision precision() {
        return precision;
    }

    /** @return the loaded base (decoder, tower, projector, memory estimate) */
    public LoadedVideoLlava base() {
        return base;
    }

    /** @return the adapter's config, or null for plain Video-LLaVA */
    public org.omnisila.engine.llm.video.IcmAdapterConfig adapterConfig() {
        return adapter == null ? null : adapter.config();
    }

    NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        if (extractors != null) {
            extractors.forEach(SceneExtractor::close);
        }
        tokenizer.close();
        if (adapter != null) {
            adapter.close();
        }
        base.close();
        manager.close();
    }
}
