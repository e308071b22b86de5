package org.omnisila.app.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.omnisila.engine.llm.Precision;
import org.omnisila.engine.llm.run.FullModel;
import org.omnisila.engine.models.ModelFiles;
import picocli.CommandLine.Option;

/** {@code --tower}, {@code --adapter}, {@code --precision}: how to open the full model (a picocli mixin). */
final class FullModelOption {
    @Option(names = "--tower", paramLabel = "DIR",
            description = "The LanguageBind video tower folder, when the Video-LLaVA folder does not hold the tower.")
    Path tower;

    @Option(names = "--adapter", paramLabel = "DIR",
            description = "An ICM adapter folder (LoRA + icm_config.json + icm.safetensors); none = plain Video-LLaVA.")
    Path adapter;

    @Option(names = "--precision", paramLabel = "fp32|fp16|bf16",
            description = "The decoder's number format (default: fp16 on CUDA, fp32 on the CPU).")
    String precision;

    /** Opens the model, printing the loading progress on {@code err}. */
    FullModel open(Path base, Device device, PrintWriter err) {
        Precision p = precision == null ? FullModel.defaultPrecision(device) : Precision.parse(precision);
        err.printf(Locale.ROOT, "loading %s%s on %s in %s%n", base, adapter == null ? "" : " with adapter " + adapter,
                org.omnisila.engine.icm.DeviceChoice.describe(device), p);
        PhaseProgress progress = new PhaseProgress(err);
        try {
            return FullModel.open(base, tower, adapter, device, p, -1, new ModelFiles(),
                    f -> progress.progress("loading the full model", f));
        } catch (IllegalStateException e) { // the memory estimate does not fit
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
