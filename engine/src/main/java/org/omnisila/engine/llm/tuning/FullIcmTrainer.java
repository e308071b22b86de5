package org.omnisila.engine.llm.tuning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.omnisila.engine.icm.CausalDictionary;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.icm.KMeans;
import org.omnisila.engine.icm.RouterLoss;
import org.omnisila.engine.icm.Scalars;
import org.omnisila.engine.llm.ClipFramePreprocessor;
import org.omnisila.engine.llm.LayerCheckpointing;
import org.omnisila.engine.llm.hf.HfParameterNames;
import org.omnisila.engine.llm.hf.LoadedVideoLlava;
import org.omnisila.engine.llm.lora.LoadedAdapter;
import org.omnisila.engine.llm.lora.Lora;
import org.omnisila.engine.llm.lora.LoraConfig;
import org.omnisila.engine.llm.lora.PeftAdapterLoader;
import org.omnisila.engine.llm.text.LlmTokenizer;
import org.omnisila.engine.llm.text.VicunaTemplate;
import org.omnisila.engine.llm.video.FusionMode;
import org.omnisila.engine.llm.video.IcmAdapter;
import org.omnisila.engine.llm.video.IcmAdapterConfig;
import org.omnisila.engine.llm.video.SceneFusion;
import org.omnisila.engine.llm.video.VideoLlava;
import org.omnisila.engine.train.AdamW;
import org.omnisila.engine.train.LearningRateSchedule;
import org.omnisila.engine.train.TrainingDivergedException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * LoRA tuning of the full model, the paper's two stages (section 3.4), as Video-LLaVA's train.py does it with PEFT
 * and the Hugging Face Trainer:
 *
 * <ul>
 * <li>Stage 1, scene-tuning ({@link TuningSettings#fusion} NONE): plain Video-LLaVA with fresh LoRA pairs on the
 *     decoder; only the pairs train (tower, projector, decoder frozen). Loss L_lm.</li>
 * <li>Stage 2, Omni-SILA tuning (ADD, the paper's, or APPEND): the pairs of a stage-1 adapter are loaded and trained
 *     further (not merged: the stage-2 adapter then holds one set of pairs that carries both stages and loads onto
 *     the plain base; merging would need the merged base saved or the stage-1 adapter kept beside it), or fresh pairs;
 *     plus a new {@link SceneFusion} whose parameters all train. The IEC dictionary (K-means over the training
 *     examples' y_moe rows, as {@code IcmTrainer} builds it) is built before the first epoch and rebuilt after every
 *     epoch, so the saved dictionary belongs to the saved weights. Loss L = L_lm + L_rb (RouterLoss on P).</li>
 * </ul>
 *
 * <p>Each optimizer step takes {@link TuningSettings#batchSize} examples, cut into {@link TuningSettings#accumulate}
 * micro-batches; each micro-batch's summed token cross-entropy is divided by the supervised tokens of the whole batch
 * (the Trainer divides by the micro-batch's own count and by the accumulation steps, which equals one large batch
 * only when the counts agree; here accumulation equals one large batch exactly for L_lm). L_rb is taken per
 * micro-batch and weighted by its share of the batch's examples (exact for its entropy term; the load-balancing term
 * of a micro-batch is not that of the batch, as with Mixtral's auxiliary loss per forward). Gradients are summed
 * over micro-batches, clipped to a global L2 norm ({@code torch.nn.utils.clip_grad_norm_}: coefficient
 * max / (norm + 1e-6) when below 1), and {@link AdamW} (element-wise clip off) steps with the learning rate of
 * {@link LearningRateSchedule} (linear warm-up, cosine to 0, the Trainer's {@code cosine} schedule).
 *
 * <p>Scene features (stage 2) are computed once per example by {@link #prepare} and kept in memory with the frames
 * (8 x d_j floats per scene and 8 RGB frames per example).
 */
public final class FullIcmTrainer implements AutoCloseable {
    private final LoadedVideoLlava base;
    private final LlmTokenizer tokenizer;
    private final VicunaTemplate template;
    private final TuningSettings settings;
    private final SceneSource sceneSource;
    private final VideoLlava model;
    private final LoraConfig loraConfig;
    private final LoadedAdapter fromAdapter;
    private final NDManager fusionManager;
    private final NDManager manager;
    private final Map<String, Parameter> trainable = new LinkedHashMap<>();
    private final ClipFramePreprocessor preprocessor;
    private final int tokensPerImage;
    private final AdamW adam;
    private final DataType activations;
    private boolean complete;
    private Path checkpoints;
    private int checkpointEvery;
    private int checkpointKeep;
    private TuningCheckpoint.Loaded resumed;

    /**
     * Builds the model to train: LoRA pairs (fresh, seeded, or a stage-1 adapter's), and in stage 2 a scene block.
     *
     * @param base        the loaded Video-LLaVA (it stays the caller's; its decoder gets the pairs)
     * @param tokenizer   the model's tokenizer
     * @param template    the conversation template (its system prompt is written into the adapter)
     * @param settings    the run's settings
     * @param scenes      where stage 2's scene features come from; null in stage 1
     * @param icm         the scene block's config (its scene widths must be the source's); null in stage 1
     * @param stageOne    a stage-1 adapter folder to start from, or null for fresh pairs
     */
    public FullIcmTrainer(LoadedVideoLlava base, LlmTokenizer tokenizer, VicunaTemplate template,
                          TuningSettings settings, SceneSource scenes, IcmConfig icm, Path stageOne) {
        this.base = base;
        this.tokenizer = tokenizer;
        this.template = template;
        this.settings = settings;
        this.sceneSource = scenes;
        if (settings.scenes() && (scenes == null || icm == null)) {
            throw new IllegalArgumentException("stage " + settings.stage().folder() + " needs scene features and a "
                    + "scene block config");
        }
        if (settings.scenes() && !icm.sceneWidths().equals(scenes.widths())) {
            throw new IllegalArgumentException("the scene block's widths " + icm.sceneWidths() + " are not the scene "
                    + "features' " + scenes.widths());
        }
        this.manager = base.decoder().manager();
        this.activations = HfParameterNames.of(base.decoder().model()).values().iterator().next().getArray()
                .getDataType();
        DataType type = DataType.FLOAT32; // trained parameters: float32 whatever the base's type (mixed precision)
        manager.getEngine().setRandomSeed((int) settings.seed());
        if (stageOne != null) {
            IcmAdapterConfig c = IcmAdapter.readConfig(stageOne);
            if (!"scene".equals(c.stage()) || c.fusion() != FusionMode.NONE) {
                throw new IllegalArgumentException(stageOne + " is a stage \"" + c.stage() + "\" adapter; --from "
                        + "takes a stage-1 (scene) adapter");
            }
            fromAdapter = PeftAdapterLoader.load(stageOne, base.decoder().model(), manager, type);
            loraConfig = fromAdapter.config();
        } else {
            fromAdapter = null;
            Lora.attach(base.decoder().model(), settings.lora(), manager, type);
            loraConfig = settings.lora();
        }
        trainable.putAll(Lora.freezeBase(base.decoder().model()));
        HfParameterNames.of(base.tower().block()).values().forEach(p -> p.freeze(true));
        HfParameterNames.of(base.projector().block()).values().forEach(p -> p.freeze(true));
        SceneFusion fusion = null;
        if (settings.scenes()) {
            fusionManager = manager.newSubManager();
            fusion = new SceneFusion(icm, base.decoder().config().hiddenSize());
            fusion.initialize(fusionManager, type, IcmModel.inputShapes(icm, 1));
            HfParameterNames.of(fusion).forEach((name, p) -> {
                p.freeze(false);
                trainable.put("icm." + name, p);
            });
        } else {
            fusionManager = null;
        }
        this.model = VideoLlava.of(base, fusion, settings.fusion());
        this.preprocessor = new ClipFramePreprocessor(base.tower().block().config().imageSize());
        this.tokensPerImage = base.tower().block().config().numPositions();
        this.adam = new AdamW(settings.weightDecay(), Float.POSITIVE_INFINITY);
    }

    /** @return the model being trained */
    public VideoLlava model() {
        return model;
    }

    /** @return the trained parameters by name (the pairs' Hugging Face names; the scene block's with "icm.") */
    public Map<String, Parameter> trainable() {
        return Collections.unmodifiableMap(trainable);
    }

    /** @return the LoRA settings of the pairs (the stage-1 adapter's when starting from one) */
    public LoraConfig loraConfig() {
        return loraConfig;
    }

    /** @return embeddings per frame the tower gives (257 for Video-LLaVA) */
    public int tokensPerImage() {
        return tokensPerImage;
    }

    /**
     * Tokenizes the entries, decodes their eight frames and, in stage 2, computes their scene features, once; the
     * results stay in memory for the run.
     */
    public List<TuningExample> prepare(List<InstructionDataset.Entry> entries, BooleanSupplier cancelled) {
        List<TuningExample> out = new ArrayList<>(entries.size());
        for (InstructionDataset.Entry e : entries) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            TuningExample x = TuningExample.of(e, tokenizer, template, null, settings.maxLength(), tokensPerImage);
            if (settings.scenes()) {
                x = new TuningExample(x.id(), x.tokens(), x.frames(), sceneSource.features(x.frames()));
            }
            out.add(x);
        }
        return out;
    }

    /**
     * What a run did.
     *
     * @param steps        optimizer steps done
     * @param epochsDone   complete epochs
     * @param cancelled    whether it was stopped (nothing may be saved then)
     * @param stepLosses   each step's loss
     * @param epochLosses  each epoch's mean step loss
     * @param testLosses   each epoch's test loss (L_lm per supervised token), when a test split was given
     * @param seconds      wall time
     */
    public record Result(int steps, int epochsDone, boolean cancelled, List<Double> stepLosses,
                         List<Double> epochLosses, List<Double> testLosses, double seconds) {
    }

    /**
     * Trains. Cancellation is polled before every micro-batch; a cancelled run leaves gradients cleared and
     * {@link #save} refuses.
     *
     * @param train     the training examples ({@link #prepare})
     * @param test      examples to score at every epoch end, or an empty list
     * @throws TrainingDivergedException when a step's loss or gradient norm is not finite
     */
    public Result train(List<TuningExample> train, List<TuningExample> test, TuningListener listener,
                        BooleanSupplier cancelled) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        complete = false;
        int total = settings.totalSteps(train.size());
        LearningRateSchedule schedule = new LearningRateSchedule(settings.learningRate(), total,
                settings.warmupRatio(), 0f);
        List<String> names = List.copyOf(trainable.keySet());
        List<NDArray> weights = trainable.values().stream().map(Parameter::getArray).toList();
        long pad = tokenizer.special().pad() >= 0 ? tokenizer.special().pad() : 0;
        LossScale lossScale = LossScale.forActivations(activations);
        TuningCheckpoint.Identity identity = TuningCheckpoint.Identity.of(settings, train.size());
        TuningCheckpoint.State state;
        if (resumed != null) {
            if (!resumed.identity().equals(identity)) {
                throw new IllegalArgumentException("the checkpoint was saved by a run with other settings or data: "
                        + resumed.identity() + ", this run: " + identity + "; resume with the same --stage, "
                        + "--fusion, --seed, --batch, --accumulate, --epochs, --lr, --warmup and export");
            }
            state = resumed.state();
            restore(resumed, names, weights, lossScale);
        } else {
            state = new TuningCheckpoint.State(0, 0, 0, 0, 0, List.of(), List.of(), List.of(), lossScale.value(), 0);
            if (settings.scenes()) {
                buildDictionary(train);
            }
        }
        List<Double> stepLosses = new ArrayList<>(state.stepLosses());
        List<Double> epochLosses = new ArrayList<>(state.epochLosses());
        List<Double> testLosses = new ArrayList<>(state.testLosses());
        long start = System.nanoTime();
        int step = state.step();
        int stepsRun = 0;
        long examplesDone = 0;
        for (int epoch = state.epoch(); epoch < settings.epochs(); epoch++) {
            boolean resumedEpoch = epoch == state.epoch();
            double epochSum = resumedEpoch ? state.epochSum() : 0;
            int epochSteps = resumedEpoch ? state.epochSteps() : 0;
            List<int[]> order = TuningBatch.order(train.size(), settings.batchSize(), settings.seed(), epoch);
            for (int b = resumedEpoch ? state.batchInEpoch() : 0; b < order.size(); b++) {
                List<TuningExample> chosen = new ArrayList<>();
                for (int i : order.get(b)) {
                    chosen.add(train.get(i));
                }
                float lr = schedule.getNewValue(step);
                manager.getEngine().setRandomSeed(stepSeed(step)); // dropout: the same masks after a resume
                double loss = backward(chosen, pad, step, lossScale.value(), cancelled);
                if (Double.isNaN(loss) && cancelled.getAsBoolean()) {
                    zeroGradients(weights);
                    return new Result(step, epoch, true, stepLosses, epochLosses, testLosses,
                            (System.nanoTime() - start) / 1e9);
                }
                boolean taken = update(names, weights, loss, lr, lossScale, step, epoch);
                step++;
                stepsRun++;
                examplesDone += chosen.size();
                double seconds = (System.nanoTime() - start) / 1e9;
                if (taken) {
                    stepLosses.add(loss);
                    epochSum += loss;
                    epochSteps++;
                    listener.step(step, total, epoch + 1, loss, lr, seconds > 0 ? examplesDone / seconds : 0,
                            seconds / stepsRun * (total - step));
                } else {
                    listener.skipped(step, total, lossScale.value());
                }
                if (checkpoints != null && step % checkpointEvery == 0 && step < total) {
                    saveCheckpoint(identity, new TuningCheckpoint.State(step, epoch, b + 1, epochSum, epochSteps,
                            List.copyOf(stepLosses), List.copyOf(epochLosses), List.copyOf(testLosses),
                            lossScale.value(), lossScale.finiteInARow()), listener);
                }
            }
            epochLosses.add(epochSum / Math.max(1, epochSteps));
            if (settings.scenes()) {
                buildDictionary(train); // the saved dictionary is that of the saved weights
            }
            double testLoss = test.isEmpty() ? Double.NaN : evaluate(test);
            if (!test.isEmpty()) {
                testLosses.add(testLoss);
            }
            listener.epochDone(epoch + 1, epochLosses.get(epoch), testLoss);
        }
        complete = true;
        return new Result(step, settings.epochs(), false, stepLosses, epochLosses, testLosses,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Unscales, checks, clips and applies the accumulated gradients, and clears them.
     *
     * @return whether the update was made (false: an fp16 overflow, skipped, the loss scale halved)
     * @throws TrainingDivergedException for a non-finite loss or gradient without fp16 loss scaling, or when the
     *                                   scale fell below 1
     */
    private boolean update(List<String> names, List<NDArray> weights, double loss, float lr, LossScale lossScale,
                           int step, int epoch) {
        try (NDManager stepScope = manager.newSubManager()) { // the gradients' handles and the norm's work
            List<NDArray> grads = gradients(weights, stepScope);
            if (lossScale.value() != 1) {
                float unscale = (float) (1 / lossScale.value());
                grads.forEach(g -> g.muli(unscale));
            }
            double norm = Double.isFinite(loss) ? globalNorm(grads) : Double.NaN;
            if (!Double.isFinite(norm) && lossScale.dynamic()) { // fp16 overflow: skip the step, halve the scale
                zeroGradients(weights);
                lossScale.update(false);
                if (lossScale.value() < 1) {
                    throw new TrainingDivergedException("float16 overflowed at every loss scale down to 1 at step "
                            + (step + 1) + "; nothing was saved. Tune in bf16 or fp32, or lower --lr");
                }
                return false;
            }
            if (!Double.isFinite(loss)) {
                zeroGradients(weights);
                throw new TrainingDivergedException("the loss became " + loss + " at step " + (step + 1)
                        + " (epoch " + (epoch + 1) + ", learning rate " + lr + "); nothing was saved. Lower "
                        + "--lr or check the data");
            }
            if (!Double.isFinite(norm)) {
                zeroGradients(weights);
                throw new TrainingDivergedException("the gradient norm became " + norm + " at step " + (step + 1)
                        + "; nothing was saved. Lower --lr or check the data");
            }
            lossScale.update(true);
            clip(grads, norm);
            adam.update(names, weights, grads, lr);
            zeroGradients(weights);
            return true;
        }
    }

    private int stepSeed(int step) {
        return (int) (settings.seed() * 1_000_003L + step * 7_919L + 13);
    }

    /**
     * Saves a checkpoint every {@code every} optimizer steps into {@code dir}/checkpoint-STEP (not after the last
     * step: the adapter is written then), keeping the newest {@code keep}. Call before {@link #train}.
     */
    public void saveCheckpoints(Path dir, int every, int keep) {
        if (every < 1 || keep < 1) {
            throw new IllegalArgumentException("checkpoints need every >= 1 and keep >= 1, got " + every + ", "
                    + keep);
        }
        this.checkpoints = dir;
        this.checkpointEvery = every;
        this.checkpointKeep = keep;
    }

    /**
     * Goes on from a checkpoint ({@link TuningCheckpoint}): the trained parameters, AdamW's state, the IEC
     * dictionary, the loss scale and the step are taken from it when {@link #train} starts, which then checks that
     * the settings and the number of examples are the checkpoint's and skips the steps already done.
     *
     * @param checkpoint a checkpoint-STEP folder, or a folder holding them (the newest is taken)
     * @throws org.omnisila.engine.icm.checkpoint.CheckpointException when it cannot be read
     */
    public void resumeFrom(Path checkpoint) {
        TuningCheckpoint.Loaded loaded = TuningCheckpoint.load(checkpoint);
        if (!loaded.parameters().keySet().equals(trainable.keySet())) {
            throw new IllegalArgumentException(checkpoint + " holds other trained parameters than this run's ("
                    + loaded.parameters().size() + " against " + trainable.size() + "): another stage, LoRA "
                    + "setting or scene block");
        }
        this.resumed = loaded;
    }

    private void restore(TuningCheckpoint.Loaded loaded, List<String> names, List<NDArray> weights,
                         LossScale lossScale) {
        trainable.forEach((name, p) -> {
            org.omnisila.engine.icm.checkpoint.StoredArray stored = loaded.parameters().get(name);
            if (!stored.shape().equals(p.getArray().getShape())) {
                throw new IllegalArgumentException("checkpoint parameter " + name + " is " + stored.shape()
                        + ", this run's is " + p.getArray().getShape());
            }
            p.getArray().set(stored.values());
        });
        adam.restore(loaded.optimizer(), names, weights);
        lossScale.restore(loaded.state().lossScale(), loaded.state().finiteInARow());
        if (settings.scenes()) {
            if (loaded.dictionary() == null) {
                throw new IllegalArgumentException("the checkpoint has no IEC dictionary for stage 2");
            }
            model.fusion().iec().setDictionary(loaded.dictionary());
        }
    }

    private void saveCheckpoint(TuningCheckpoint.Identity identity, TuningCheckpoint.State state,
                                TuningListener listener) {
        Map<String, NDArray> parameters = new LinkedHashMap<>();
        trainable.forEach((name, p) -> parameters.put(name, p.getArray()));
        try {
            Path saved = TuningCheckpoint.save(checkpoints, identity, state, parameters, adam.state(),
                    settings.scenes() ? model.fusion().iec().getDictionary() : null, this::writeAdapter,
                    checkpointKeep);
            listener.checkpointSaved(state.step(), saved);
        } catch (IOException e) {
            listener.checkpointFailed(state.step(), checkpoints, e.getMessage()); // the run goes on
        }
    }

    /**
     * L_lm over the given examples' supervised tokens (the model in inference mode), plus nothing else: the number
     * to compare before and after training.
     */
    public double evaluate(List<TuningExample> examples) {
        long pad = tokenizer.special().pad() >= 0 ? tokenizer.special().pad() : 0;
        double sum = 0;
        long supervised = 0;
        for (TuningExample e : examples) {
            try (NDManager scope = manager.newSubManager()) {
                VideoLlava.Forward f = forward(scope, TuningBatch.of(List.of(e), pad), false);
                sum += MaskedLmLoss.sum(f.logits(), f.batch().labels()).getFloat();
                supervised += MaskedLmLoss.supervised(f.batch().labels());
            }
        }
        return supervised == 0 ? Double.NaN : sum / supervised;
    }

    /**
     * Writes the adapter ({@link IcmAdapter#save}: each file under a temporary name, then moved into place).
     *
     * @throws IllegalStateException when the last run did not finish
     */
    public void save(Path folder) throws IOException {
        if (!complete) {
            throw new IllegalStateException("the run did not finish; nothing written to " + folder);
        }
        writeAdapter(folder);
    }

    private void writeAdapter(Path folder) throws IOException {
        IcmAdapter.save(folder, model, loraConfig, IcmAdapterConfig.of(settings.scenes() ? "omnisila" : "scene",
                settings.fusion(), template.system(), settings.scenes() ? model.fusion().config() : null,
                base.folder().getFileName().toString()));
    }

    /**
     * The gradients one optimizer step would use for these examples (before clipping, unscaled), by trained
     * parameter's name; the parameters' gradients are cleared again afterwards. In stage 2 the IEC dictionary is
     * built from these examples first, as {@link #train} does before epoch 1. For checking one backward pass (mixed
     * precision, checkpointing) against another.
     */
    public Map<String, float[]> gradients(List<TuningExample> examples) {
        long pad = tokenizer.special().pad() >= 0 ? tokenizer.special().pad() : 0;
        List<NDArray> weights = trainable.values().stream().map(Parameter::getArray).toList();
        if (settings.scenes()) {
            buildDictionary(examples);
        }
        zeroGradients(weights);
        backward(examples, pad, 0, 1, () -> false);
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager scope = manager.newSubManager()) {
            List<NDArray> grads = gradients(weights, scope);
            List<String> names = List.copyOf(trainable.keySet());
            for (int i = 0; i < names.size(); i++) {
                out.put(names.get(i), grads.get(i).toType(DataType.FLOAT32, false).toFloatArray());
            }
        }
        zeroGradients(weights);
        return out;
    }

    /**
     * Accumulates the gradients of one optimizer step's examples, micro-batch by micro-batch: (L_lm + L_rb) * scale.
     *
     * @param step  the optimizer step (seeds checkpointed layers' dropout)
     * @param scale the loss scale (1 but in float16)
     * @return the step's loss, unscaled; NaN when cancelled before a micro-batch
     */
    private double backward(List<TuningExample> chosen, long pad, int step, double scale, BooleanSupplier cancelled) {
        TuningBatch batch = TuningBatch.of(chosen, pad);
        long supervised = chosen.stream().mapToLong(e -> e.tokens().supervised()).sum();
        double loss = 0;
        int index = 0;
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            for (TuningBatch micro : batch.microBatches(settings.microBatchSize())) {
                if (cancelled.getAsBoolean()) {
                    return Double.NaN;
                }
                try (NDManager scope = manager.newSubManager()) {
                    ParameterStore ps = new ParameterStore(scope, false);
                    VideoLlava.Inputs in = inputs(ps, scope, micro, true);
                    NDArray rb = routerLoss(in.routing(), micro.size(), batch.size());
                    Function<NDArray, NDArray> lm = logits -> Scalars.div(
                            MaskedLmLoss.sum(logits, in.batch().labels()), Math.max(1, supervised));
                    if (settings.checkpointing()) {
                        long seed = settings.seed() * 1_000_003L + step * 7_919L + index * 131L;
                        loss += LayerCheckpointing.backward(ps, model.decoder(), in.batch().embeddings(),
                                in.batch().padding(), lm, rb, scale, collector, l -> (int) (seed + l));
                        loss += rb == null ? 0 : rb.getFloat();
                    } else {
                        NDArray l = lm.apply(model.decoder().logitsFromEmbeddings(ps, in.batch().embeddings(),
                                in.batch().padding(), null, false, true));
                        if (rb != null) {
                            l = l.add(rb);
                        }
                        collector.backward(scale == 1 ? l : Scalars.mul(l, scale));
                        loss += l.getFloat();
                    }
                }
                index++;
            }
        }
        return loss;
    }

    /** @return L_rb of the micro-batch, weighted by its share of the batch's examples; null in stage 1 */
    private NDArray routerLoss(NDArray routing, int microSize, int batchSize) {
        if (routing == null) {
            return null;
        }
        NDArray rb = RouterLoss.compute(routing.toType(DataType.FLOAT32, false), settings.routerAlpha(),
                settings.routerBeta());
        return Scalars.mul(rb, microSize / (double) batchSize);
    }

    private VideoLlava.Forward forward(NDManager scope, TuningBatch micro, boolean training) {
        ParameterStore ps = new ParameterStore(scope, false);
        VideoLlava.Inputs in = inputs(ps, scope, micro, training);
        NDArray logits = model.decoder().logitsFromEmbeddings(ps, in.batch().embeddings(), in.batch().padding(),
                null, false, training); // [B, L, V]
        return new VideoLlava.Forward(logits, in.batch(), in.routing());
    }

    private VideoLlava.Inputs inputs(ParameterStore ps, NDManager scope, TuningBatch micro, boolean training) {
        List<long[]> ids = new ArrayList<>();
        List<long[]> labels = new ArrayList<>();
        List<int[]> positions = new ArrayList<>();
        List<NDArray> pixels = new ArrayList<>();
        for (TuningExample e : micro.examples()) {
            ids.add(e.tokens().ids());
            labels.add(e.tokens().labels());
            positions.add(e.tokens().imagePositions());
            pixels.add(preprocessor.images(scope, e.frames().images()));
        }
        NDList scenes = settings.scenes() ? micro.scenes(scope) : null;
        return model.inputs(ps, ids, labels, positions, pixels, scenes, training);
    }

    /** @return the global L2 norm over all gradients (torch.nn.utils.clip_grad_norm_'s total_norm) */
    private static double globalNorm(List<NDArray> grads) {
        double squares = 0;
        for (NDArray g : grads) {
            squares += g.toType(DataType.FLOAT32, false).square().sum().getFloat();
        }
        return Math.sqrt(squares);
    }

    /** torch.nn.utils.clip_grad_norm_: scaled down to the maximum when the norm is above it. */
    private void clip(List<NDArray> grads, double norm) {
        double coefficient = settings.maxGradNorm() / (norm + 1e-6);
        if (coefficient < 1) {
            grads.forEach(g -> g.muli((float) coefficient));
        }
    }

    /**
     * @return the weights' gradients, their handles on {@code scope}: {@code getGradient()} makes a new array
     *         handle on the weight's manager (the model's, for the model's life) at every call
     */
    private static List<NDArray> gradients(List<NDArray> weights, NDManager scope) {
        List<NDArray> out = new ArrayList<>(weights.size());
        for (NDArray w : weights) {
            NDArray g = w.getGradient();
            g.attach(scope);
            out.add(g);
        }
        return out;
    }

    private void zeroGradients(List<NDArray> weights) {
        try (NDManager scope = manager.newSubManager()) {
            for (NDArray w : weights) {
                if (w.hasGradient()) {
                    NDArray g = w.getGradient();
                    g.attach(scope);
                    g.subi(g);
                }
            }
        }
    }

    /**
     * K-means over a seeded sample of the training examples' y_moe rows (one per frame): the IEC dictionary, with
     * K = min(dictionarySize, distinct rows) (identical frames, e.g. a still video, give identical rows).
     */
    private void buildDictionary(List<TuningExample> train) {
        SceneFusion fusion = model.fusion();
        IcmConfig c = fusion.config();
        List<float[]> rows = new ArrayList<>();
        for (TuningExample e : train) {
            try (NDManager scope = manager.newSubManager()) {
                float[] flat = fusion.sceneEmbeddings(new ParameterStore(scope, false), e.scenes().toNd(scope))
                        .toType(DataType.FLOAT32, false).toFloatArray();
                for (int r = 0; r < flat.length / c.hidden(); r++) {
                    float[] row = new float[c.hidden()];
                    System.arraycopy(flat, r * c.hidden(), row, 0, c.hidden());
                    rows.add(row);
                }
            }
        }
        Collections.shuffle(rows, new Random(settings.seed()));
        List<float[]> sample = rows.subList(0, Math.min(rows.size(), settings.dictionaryRows()));
        long distinct = sample.stream().map(java.nio.FloatBuffer::wrap).distinct().count(); // K-means needs K of them
        int k = (int) Math.max(1, Math.min(c.dictionarySize(), distinct));
        fusion.iec().setDictionary(CausalDictionary.build(sample.toArray(new float[0][]),
                KMeans.builder().optClusters(k).optSeed(settings.seed()).build()));
    }

    /** Frees the scene block and the loaded stage-1 pairs (fresh pairs live on the base's manager). */
    @Override
    public void close() {
        if (fromAdapter != null) {
            fromAdapter.close();
        }
        if (fusionManager != null) {
            fusionManager.close();
        }
    }
}
