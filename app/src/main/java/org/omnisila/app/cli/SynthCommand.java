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

    @Override
    public Integer call() throws IOException {
        SceneDataset data = SyntheticScenes.generate(SyntheticScenes.defaults(videos, seed));
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
