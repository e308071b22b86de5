package org.omnisila.app.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.omnisila.engine.data.SceneDataset;
import org.omnisila.engine.data.SceneDatasetFiles;
import org.omnisila.engine.data.SceneVideo;
import org.omnisila.engine.eval.report.EvalTable;
import org.omnisila.engine.icm.DeviceChoice;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.icm.checkpoint.Checkpoint;
import org.omnisila.engine.icm.checkpoint.CheckpointManifest;
import org.omnisila.engine.icm.checkpoint.IcmCheckpoint;
import org.omnisila.engine.train.IcmTrainer;
import org.omnisila.engine.train.ModelEvaluation;
import org.omnisila.engine.train.SegmentDecoder;
import org.omnisila.engine.train.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code omnisila train}: trains the ICM on a scene-feature data set, saving a checkpoint after every epoch. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the ICM on a scene-feature data set (train split), save a checkpoint after every",
            "epoch, and score the test split at the end. Ctrl-C stops after the current video, keeping the last",
            "epoch's checkpoint; --resume continues from it."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A scene-feature data set folder.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Checkpoint folder to write.")
    Path out;

    @Option(names = "--config", defaultValue = "small", paramLabel = "small|paper",
            description = "Model configuration (default: ${DEFAULT-VALUE}).")
    String config;

    @Option(names = "--epochs", defaultValue = "8", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--dictionary-epochs", defaultValue = "0", paramLabel = "N",
            description = {"Rebuild the IEC dictionary after each of the first N epochs, then keep it",
                "(default: ${DEFAULT-VALUE}: after every epoch)."})
    int dictionaryEpochs;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--variant", defaultValue = "FULL", description = "Model variant: ${COMPLETION-CANDIDATES}.")
    IcmModel.Variant variant;

    @Mixin
    DeviceOption device;

    @Option(names = "--resume", description = "Continue from the checkpoint in --out.")
    boolean resume;

    @Override
    public Integer call() {
        SceneDataset dataset = SceneDatasetFiles.read(data);
        IcmConfig base = switch (config) {
            case "small" -> IcmConfig.small();
            case "paper" -> IcmConfig.paper();
            default -> throw new IllegalArgumentException("--config must be small or paper, got " + config);
        };
        IcmConfig cfg = base.withData(dataset.sceneWidths(), dataset.labels());
        TrainingSettings settings = new TrainingSettings(epochs, lr, 0.03, 1e-2f, seed, 20_000)
                .withDictionaryEpochs(dictionaryEpochs);
        Device dev = device.choose();
        List<SceneVideo> train = dataset.subset("train");
        List<SceneVideo> test = dataset.subset("test");
        var err = spec.commandLine().getErr();
        try (CtrlC stop = new CtrlC(); NDManager manager = NDManager.newBaseManager(dev, "PyTorch")) {
            IcmModel model = new IcmModel(cfg, variant);
            IcmTrainer trainer = new IcmTrainer(model, settings, manager);
            trainer.initialize();
            int start = 0;
            if (resume) {
                if (!Files.exists(out.resolve(CheckpointManifest.MANIFEST))) {
                    throw new IllegalArgumentException("--resume: " + out + " holds no checkpoint to resume from");
                }
                Checkpoint c = IcmCheckpoint.load(out, cfg, model);
                model.iec().setDictionary(c.dictionary());
                start = Integer.parseInt(c.notes().getOrDefault("epochsDone", "0"));
                if (c.optimizer().isEmpty()) {
                    err.printf(Locale.ROOT, "resuming after epoch %d of %d; the checkpoint holds no optimizer "
                            + "state, so AdamW's moments start afresh%n", start, epochs);
                } else {
                    trainer.restoreOptimizer(c.optimizer());
                    err.printf(Locale.ROOT, "resuming after epoch %d of %d with the optimizer's state%n", start,
                            epochs);
                }
            }
            err.printf(Locale.ROOT, "training %s (%s) on %s: %d train videos, device %s%n", cfg.name(), variant,
                    dataset.name(), train.size(), DeviceChoice.describe(dev));
            ConsoleProgress progress = new ConsoleProgress(err, "") {
                @Override
                public void epochDone(int epoch, double meanLoss) {
                    super.epochDone(epoch, meanLoss);
                    Map<String, String> notes = new LinkedHashMap<>();
                    notes.put("data", dataset.name());
                    notes.put("variant", variant.name());
                    notes.put("epochsDone", String.valueOf(epoch));
                    notes.put("epochs", String.valueOf(epochs));
                    notes.put("seed", String.valueOf(seed));
                    notes.put("learningRate", String.valueOf(lr));
                    notes.put("dictionaryEpochs", String.valueOf(dictionaryEpochs));
                    notes.put("meanLoss", String.format(Locale.ROOT, "%.6f", meanLoss));
                    IcmCheckpoint.save(out, cfg, model, model.iec().getDictionary(), trainer.optimizerState(),
                            notes);
                }
            };
            IcmTrainer.Result r = trainer.train(train, start, progress, stop::requested);
            if (r.cancelled()) {
                err.printf(Locale.ROOT, "stopped; the checkpoint in %s holds epoch %d (resume with --resume)%n", out,
                        r.epochsDone());
                return 130;
            }
            err.printf(Locale.ROOT, "trained %d epochs at %.0f segments/s; checkpoint in %s%n", r.epochsDone(),
                    r.segmentsPerSecond(), out);
            if (trainer.skippedUpdates() > 0) {
                err.printf(Locale.ROOT, "warning: %d updates skipped for a non-finite gradient (last: %s)%n",
                        trainer.skippedUpdates(), trainer.lastNonFinite());
            }
            if (!test.isEmpty()) {
                List<ModelEvaluation.VideoOutput> outputs = ModelEvaluation.run(model, manager, test,
                        SegmentDecoder.DEFAULT_THRESHOLD);
                spec.commandLine().getOut().print(EvalTable.format(
                        ModelEvaluation.report(outputs, dataset.frames(), dataset.name() + " (test split)")));
            }
            return 0;
        }
    }
}
