package org.omnisila.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.omnisila.engine.data.SceneDataset;
import org.omnisila.engine.data.SceneDatasetFiles;
import org.omnisila.engine.data.SceneVideo;
import org.omnisila.engine.data.SyntheticScenes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code omnisila synth}: writes the synthetic scene-feature benchmark (docs/model.md, "Synthetic benchmark"). */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Write a synthetic scene-feature data set in which implicit scenes decide the label, faces",
            "are often misleading and a confounder misleads in training only (rules: docs/model.md)."})
public final class SynthCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (created).")
    Path out;

    @Option(names = "--videos", defaultValue = "400", description = "Videos (default: ${DEFAULT-VALUE}).")
    int videos;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--signal", paramLabel = "A",
            description = "Amplitude of the class prototypes in the implicit scenes (default 1.0).")
    Double signal;

    @Option(names = "--confounder", paramLabel = "A",
            description = "Amplitude of the confounder added to every scene (default 0.5).")
    Double confounder;

    @Option(names = "--confounder-bias", paramLabel = "P",
            description = "Probability that a training video's confounder is its class's own (default 0.8).")
    Double confounderBias;

    @Override
    public Integer call() throws IOException {
        SyntheticScenes.Settings d = SyntheticScenes.defaults(videos, seed);
        SyntheticScenes.Settings settings = new SyntheticScenes.Settings(d.videos(), d.seed(), d.sceneWidths(),
                d.frames(), d.segmentSeconds(), d.testFraction(), d.noEventRate(), d.misleadingFaceRate(),
                signal != null ? signal : d.signal(), d.confounders(),
                confounder != null ? confounder : d.confounder(),
                confounderBias != null ? confounderBias : d.confounderBias());
        if (!(settings.signal() >= 0) || !(settings.confounder() >= 0) || !(settings.confounderBias() >= 0)
                || settings.confounderBias() > 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--signal and --confounder must be >= 0 and --confounder-bias between 0 and 1");
        }
        SceneDataset data = SyntheticScenes.generate(settings);
        SceneDatasetFiles.write(data, out);
        long test = data.videos().stream().filter(v -> "test".equals(v.subset())).count();
        long segments = data.videos().stream().mapToLong(v -> v.segments().size()).sum();
        long events = data.videos().stream().mapToLong(v -> v.events().size()).sum();
        long quiet = data.videos().stream().map(SceneVideo::events).filter(java.util.List::isEmpty).count();
        spec.commandLine().getOut().printf(Locale.ROOT,
                "wrote %s: %d videos (%d train, %d test), %d segments, %d events, %d videos without event%n",
                out, data.videos().size(), data.videos().size() - test, test, segments, events, quiet);
        return 0;
    }
}
