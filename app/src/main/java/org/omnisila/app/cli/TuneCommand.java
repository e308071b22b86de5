package org.omnisila.app.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.omnisila.engine.icm.DeviceChoice;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.llm.hf.HfParameterNames;
import org.omnisila.engine.llm.MemoryBudget;
import org.omnisila.engine.llm.MemoryEstimate;
import org.omnisila.engine.llm.Precision;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedVideoLlava;
import org.omnisila.engine.llm.hf.VideoLlavaLoader;
import org.omnisila.engine.llm.lora.LoraConfig;
import org.omnisila.engine.llm.text.LlmTokenizer;
import org.omnisila.engine.llm.text.VicunaTemplate;
import org.omnisila.engine.llm.tuning.FullIcmTrainer;
import org.omnisila.engine.llm.tuning.InstructionDataset;
import org.omnisila.engine.llm.tuning.SceneSource;
import org.omnisila.engine.llm.tuning.TuningEstimate;
import org.omnisila.engine.llm.tuning.TuningExample;
import org.omnisila.engine.llm.tuning.TuningListener;
import org.omnisila.engine.llm.tuning.TuningSettings;
import org.omnisila.engine.llm.video.FusionMode;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.scene.SceneExtractors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code omnisila tune}: LoRA tuning of the full model (Video-LLaVA + the ICM's scene block) on an annotation export,
 * stage 1 (scene-tuning) or stage 2 (Omni-SILA tuning), writing an ICM adapter folder at the end
 * ({@link FullIcmTrainer}; docs/full-model.md, "Training (two stages)").
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"LoRA-tune the full model (Video-LLaVA with the ICM's scene block) on an annotation export:",
            "--stage scene (stage 1: LoRA only) or --stage omnisila (stage 2: LoRA + scene block, L_lm + L_rb).",
            "The adapter folder is written at the end; Ctrl-C stops and writes nothing."})
public final class TuneCommand implements Callable<Integer> {
    /** CPU throughput assumed for the time estimate, FLOP/s (a few cores in fp32). */
    static final double CPU_FLOPS = 5e10;
    /** Above this many decoder parameters the CPU is refused (the estimate runs to hours per step). */
    static final long CPU_LIMIT = 500_000_000L;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--stage", required = true, paramLabel = "scene|omnisila", description = "Which stage.")
    String stage;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Video-LLaVA Hugging Face folder.")
    Path model;

    @Option(names = "--tower", paramLabel = "DIR", description = "The video tower's folder, when not in --model.")
    Path tower;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "An annotation export folder.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Adapter folder to write.")
    Path out;

    @Option(names = "--from", paramLabel = "DIR", description = "Stage 2: start from this stage-1 adapter.")
    Path from;

    @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "8", description = "Examples per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--accumulate", defaultValue = "1",
            description = "Micro-batches per step (gradient accumulation; default: ${DEFAULT-VALUE}).")
    int accumulate;

    @Option(names = "--lr", defaultValue = "2e-5", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--warmup", defaultValue = "0.03", description = "Warm-up ratio (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--lora-r", defaultValue = "16", description = "LoRA rank (default: ${DEFAULT-VALUE}).")
    int loraR;

    @Option(names = "--lora-alpha", defaultValue = "64", description = "LoRA alpha (default: ${DEFAULT-VALUE}).")
    double loraAlpha;

    @Option(names = "--lora-dropout", defaultValue = "0.05",
            description = "LoRA dropout (default: ${DEFAULT-VALUE}).")
    double loraDropout;

    @Option(names = "--lora-targets", defaultValue = "attention", paramLabel = "attention|all",
            description = "Projections with pairs (default: ${DEFAULT-VALUE}; all adds the MLP's).")
    String loraTargets;

    @Option(names = "--fusion", defaultValue = "add", paramLabel = "add|append",
            description = "Stage 2: where the scene tokens go (default: ${DEFAULT-VALUE}, the paper's).")
    String fusion;

    @Option(names = "--max-length", defaultValue = "2048",
            description = "Longest sequence, frames expanded (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--precision", paramLabel = "fp32|fp16|bf16",
            description = "The frozen base's number format; LoRA pairs and scene block train in fp32 (default: fp32 "
                    + "on the CPU; on CUDA bf16 from Ampere on, else fp16 with loss scaling).")
    String precision;

    @Option(names = "--gradient-checkpointing", negatable = true,
            description = "Keep only each decoder layer's input and run the layer again in the backward pass: much "
                    + "less memory, about a third more compute (default: on with CUDA, off on the CPU).")
    Boolean checkpointing;

    @Option(names = "--save-every", paramLabel = "STEPS", defaultValue = "200",
            description = "Save a checkpoint (OUT/checkpoint-STEP: an adapter plus the optimizer's state) every STEPS "
                    + "steps, keeping the newest 2; 0: never (default: ${DEFAULT-VALUE}).")
    int saveEvery;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Go on from a checkpoint (a checkpoint-STEP folder, or OUT for its newest), with the same "
                    + "settings and export; the result equals an uninterrupted run's.")
    Path resume;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        InstructionDataset.Stage st = switch (stage) {
            case "scene" -> InstructionDataset.Stage.SCENE_TUNING;
            case "omnisila" -> InstructionDataset.Stage.OMNISILA_TUNING;
            default -> throw new IllegalArgumentException("--stage must be scene or omnisila, got " + stage);
        };
        FusionMode mode = st == InstructionDataset.Stage.SCENE_TUNING ? FusionMode.NONE : switch (fusion) {
            case "add" -> FusionMode.ADD;
            case "append" -> FusionMode.APPEND;
            default -> throw new IllegalArgumentException("--fusion must be add or append, got " + fusion);
        };
        if (saveEvery < 0) {
            throw new IllegalArgumentException("--save-every must be >= 0 (0: no checkpoints), not " + saveEvery);
        }
        if (from != null && st == InstructionDataset.Stage.SCENE_TUNING) {
            throw new IllegalArgumentException("--from is for --stage omnisila (it names a stage-1 adapter)");
        }
        TuningSettings settings = TuningSettings.paper(st).withEpochs(epochs).withBatch(batch, accumulate)
                .withLearningRate(lr, warmup)
                .withLora(LoraConfig.of(loraR, loraAlpha, loraDropout, TuningSettings.targets(loraTargets)))
                .withFusion(mode).withMaxLength(maxLength).withSeed(seed);
        Device dev = device.choose();
        Precision format = precision == null ? Precision.trainingDefault(dev) : Precision.parse(precision);
        settings = settings.withCheckpointing(checkpointing != null ? checkpointing : dev.isGpu());
        InstructionDataset train = InstructionDataset.read(data, st, "train");
        InstructionDataset test = readTest(st);
        PrintWriter err = spec.commandLine().getErr();
        train.warnings().forEach(w -> err.println("warning: " + w));
        if (train.entries().isEmpty()) {
            throw new IllegalArgumentException(train.file() + " holds no usable entry");
        }
        List<SceneExtractor> extractors = settings.scenes() ? SceneExtractors.open(dev, new ModelFiles()) : null;
        try (CtrlC stop = new CtrlC(); NDManager manager = NDManager.newBaseManager(dev, "PyTorch");
             LoadedVideoLlava base = VideoLlavaLoader.load(model, tower, manager,
                     new LlamaLoader.Settings(format, 0, 1, -1));
             LlmTokenizer tokenizer = LlmTokenizer.open(model)) {
            long decoderParams = HfParameterNames.of(base.decoder().model()).values().stream()
                    .mapToLong(p -> p.getArray().size()).sum();
            if (!dev.isGpu() && decoderParams > CPU_LIMIT) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s has %.2f B decoder parameters: "
                        + "tuning on the CPU is only for tiny configs (about %.0f s per step here); use --device cuda",
                        model, decoderParams / 1e9, 4.0 * decoderParams * 2300 * batch / CPU_FLOPS));
            }
            SceneSource scenes = extractors == null ? null : SceneSource.of(extractors);
            IcmConfig icm = scenes == null ? null : IcmConfig.small().withData(scenes.widths(),
                    IcmConfig.small().labels());
            VicunaTemplate template = new VicunaTemplate();
            try (FullIcmTrainer trainer = new FullIcmTrainer(base, tokenizer, template, settings, scenes, icm, from)) {
                if (saveEvery > 0) {
                    trainer.saveCheckpoints(out, saveEvery, 2);
                }
                if (resume != null) {
                    trainer.resumeFrom(resume);
                }
                long other = HfParameterNames.of(base.tower().block()).values().stream()
                        .mapToLong(p -> p.getArray().size()).sum() + HfParameterNames.of(base.projector().block())
                        .values().stream().mapToLong(p -> p.getArray().size()).sum();
                long trainable = trainer.trainable().values().stream().mapToLong(p -> p.getArray().size()).sum();
                int sequence = Math.min(maxLength, 8 * trainer.tokensPerImage() + 256);
                TuningEstimate estimate = TuningEstimate.of(base.decoder().config(), other, trainable,
                        format.bytes(), sequence, settings.microBatchSize(), settings.batchSize(),
                        settings.checkpointing());
                err.printf(Locale.ROOT, "tuning stage %s on %s: %d train examples, %d test, device %s, base in %s%s%n",
                        st.folder(), data, train.entries().size(), test == null ? 0 : test.entries().size(),
                        DeviceChoice.describe(dev), format, settings.checkpointing() ? ", gradient checkpointing" : "");
                err.println("estimate: " + estimate.describe());
                long available = MemoryBudget.available(dev); // on a GPU the loaded weights are not free any more
                long needed = estimate.totalBytes() - (dev.isGpu() ? estimate.weightBytes() : 0);
                if (needed > available) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "tuning needs about %s more but %s "
                            + "has %s free; %s", MemoryEstimate.gib(needed), DeviceChoice.describe(dev),
                            MemoryEstimate.gib(available), settings.checkpointing()
                                    ? "use a smaller --batch with --accumulate, or a shorter --max-length"
                                    : "add --gradient-checkpointing, or use --accumulate / a shorter --max-length"));
                }
                err.printf(Locale.ROOT, "preparing the examples (frames%s)...%n", scenes == null ? ""
                        : " and scene features, once each, kept in memory");
                List<TuningExample> examples = trainer.prepare(train.entries(), stop::requested);
                List<TuningExample> held = test == null || examples == null ? List.of()
                        : trainer.prepare(test.entries(), stop::requested);
                if (examples == null || held == null) {
                    err.println("stopped; nothing written");
                    return 130;
                }
                FullIcmTrainer.Result r = trainer.train(examples, held, new TuningListener() {
                    @Override
                    public void step(int step, int total, int epoch, double loss, float rate, double perSecond,
                                     double eta) {
                        err.printf(Locale.ROOT, "step %d/%d  epoch %d  loss %.4f  lr %.3g  %.2f examples/s  ETA %.0f s%n",
                                step, total, epoch, loss, rate, perSecond, eta);
                    }

                    @Override
                    public void checkpointSaved(int step, Path folder) {
                        err.printf(Locale.ROOT, "checkpoint after step %d: %s%n", step, folder);
                    }

                    @Override
                    public void checkpointFailed(int step, Path dir, String why) {
                        err.printf(Locale.ROOT, "warning: the checkpoint after step %d could not be written to %s "
                                + "(%s); training goes on%n", step, dir, why);
                    }

                    @Override
                    public void skipped(int step, int total, double lossScale) {
                        err.printf(Locale.ROOT, "step %d/%d  skipped: fp16 gradients overflowed; loss scale now %.0f%n",
                                step, total, lossScale);
                    }

                    @Override
                    public void epochDone(int epoch, double meanLoss, double testLoss) {
                        err.printf(Locale.ROOT, "epoch %d: mean loss %.4f%s%n", epoch, meanLoss,
                                Double.isNaN(testLoss) ? "" : String.format(Locale.ROOT, ", test loss %.4f",
                                        testLoss));
                    }
                }, stop::requested);
                if (r.cancelled()) {
                    err.println(saveEvery > 0 && r.steps() >= saveEvery ? "stopped; the adapter was not written; "
                            + "go on with --resume " + out : "stopped; nothing written");
                    return 130;
                }
                trainer.save(out);
                spec.commandLine().getOut().printf(Locale.ROOT, "tuned %d steps in %.1f s, final loss %s; "
                                + "adapter (stage %s) in %s%n", r.steps(), r.seconds(), r.stepLosses().isEmpty()
                                ? "- (every step skipped)"
                                : String.format(Locale.ROOT, "%.4f", r.stepLosses().get(r.stepLosses().size() - 1)),
                        st.folder(), out);
                return 0;
            }
        } finally {
            if (extractors != null) {
                extractors.forEach(SceneExtractor::close);
            }
        }
    }

    private InstructionDataset readTest(InstructionDataset.Stage st) {
        Path file = data.resolve(st.folder()).resolve("test.json");
        return java.nio.file.Files.isRegularFile(file) ? InstructionDataset.read(data, st, "test") : null;
    }
}
