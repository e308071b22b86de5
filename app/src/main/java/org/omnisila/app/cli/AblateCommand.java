package org.omnisila.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.omnisila.engine.data.SceneDataset;
import org.omnisila.engine.data.SceneDatasetFiles;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.train.Ablation;
import org.omnisila.engine.train.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code omnisila ablate}: ICM and its ablations trained and scored alike (paper Table 1's shape). */
@Command(name = "ablate", mixinStandardHelpOptions = true,
        description = {"Train ICM, w/o SBM, w/o IEC and explicit-only on the train split with the same seed,",
            "score each on the test split, and print a table shaped like the paper's Table 1. Ctrl-C stops."})
public final class AblateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A scene-feature data set folder.")
    Path data;

    @Option(names = "--epochs", defaultValue = "8", description = "Epochs per variant (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seeds", split = ",", defaultValue = "1", paramLabel = "S1,S2,...",
            description = {"Seeds; one run per variant and seed (default: ${DEFAULT-VALUE}). With 2 or more,",
                "each ablation is t-tested against ICM."})
    List<Long> seeds;

    @Option(names = "--predictions", paramLabel = "DIR",
            description = "Write gt.json and VARIANT-seedN.json (ActivityNet layout) of every run here.")
    Path predictions;

    @Option(names = "--dictionary-epochs", defaultValue = "0", paramLabel = "N",
            description = {"Rebuild the IEC dictionary after each of the first N epochs, then keep it",
                "(default: ${DEFAULT-VALUE}: after every epoch)."})
    int dictionaryEpochs;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--variants", split = ",", defaultValue = "FULL,WITHOUT_SBM,WITHOUT_IEC,EXPLICIT_ONLY",
            description = "Variants to run (default: ${DEFAULT-VALUE}).")
    List<IcmModel.Variant> variants;

    @Override
    public Integer call() throws IOException {
        SceneDataset dataset = SceneDatasetFiles.read(data);
        TrainingSettings settings = new TrainingSettings(epochs, lr, 0.03, 1e-2f, seeds.get(0), 20_000)
                .withDictionaryEpochs(dictionaryEpochs);
        try (CtrlC stop = new CtrlC()) {
            List<Ablation.Row> rows = Ablation.run(dataset, IcmConfig.small(), settings, seeds, variants,
                    (v, s) -> new ConsoleProgress(spec.commandLine().getErr(), Ablation.name(v) + " seed " + s + ": "),
                    stop::requested, predictions);
            spec.commandLine().getOut().print(Ablation.format(rows, dataset, settings));
            spec.commandLine().getOut().flush();
            return stop.requested() ? 130 : 0;
        }
    }
}
