package org.omnisila.app.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.omnisila.engine.analysis.CheckpointModels;
import org.omnisila.engine.icm.checkpoint.CheckpointManifest;
import org.omnisila.engine.icm.checkpoint.IcmCheckpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code omnisila export-checkpoint}: a checkpoint for inference only (no optimizer state), with added notes. */
@Command(name = "export-checkpoint", mixinStandardHelpOptions = true,
        description = {"Copy a checkpoint for use only (config, weights, IEC dictionary; without the optimizer state",
            "that --resume needs, about two thirds of the size), adding notes such as what it was trained on."})
public final class ExportCheckpointCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CKPT", description = "A checkpoint folder (omnisila train --out).")
    Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write.")
    Path out;

    @Option(names = "--note", paramLabel = "KEY=VALUE", description = "A note to add (repeatable).")
    Map<String, String> added = new LinkedHashMap<>();

    @Override
    public Integer call() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            CheckpointModels.Loaded loaded = CheckpointModels.load(checkpoint, manager);
            Map<String, String> notes = new LinkedHashMap<>(loaded.checkpoint().notes());
            notes.putAll(added);
            CheckpointManifest written = IcmCheckpoint.save(out, loaded.model().config(), loaded.model(),
                    loaded.checkpoint().dictionary(), notes);
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (%d files)%n", out, written.files().size());
            return 0;
        }
    }
}
