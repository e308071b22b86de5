package org.omnisila.app.cli;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.omnisila.engine.analysis.AnalysisListener;
import org.omnisila.engine.analysis.CollectedVideo;
import org.omnisila.engine.analysis.SceneCache;
import org.omnisila.engine.analysis.SceneCollection;
import org.omnisila.engine.api.VideoInfo;
import org.omnisila.engine.data.SceneDataset;
import org.omnisila.engine.data.SceneDatasetFiles;
import org.omnisila.engine.data.SceneSegment;
import org.omnisila.engine.data.SceneVideo;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.scene.SceneExtractors;
import org.omnisila.engine.train.DistilledDataset;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.VideoCancelledException;
import org.omnisila.engine.video.VideoFormatException;
import org.omnisila.engine.video.VideoProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code omnisila distil}: a training data set from real footage, labelled by the facial-expression teacher. */
@Command(name = "distil", mixinStandardHelpOptions = true,
        description = {"Extract the four scenes of each video (scene cache used) and label every segment positive,",
            "negative or neutral by the bundled expression model's judgement (docs/model.md, \"Embedded default",
            "model\"). Writes a scene-feature data set for omnisila train. Ctrl-C stops; nothing is written then."})
public final class DistilCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "VIDEO", arity = "1..*", description = "Training videos.")
    List<Path> videos;

    @Option(names = "--test", paramLabel = "VIDEO", arity = "1..*", description = "Held-out videos (subset test).")
    List<Path> testVideos = List.of();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Data set folder to write.")
    Path out;

    @Mixin
    SegmentOption segment;

    @Mixin
    DeviceOption device;

    @Option(names = "--no-cache", description = "Extract again even when the scene cache has the video.")
    boolean noCache;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Device dev = device.choose();
        SegmentPlan plan = segment.plan();
        List<SceneExtractor> extractors = SceneExtractors.open(dev, new ModelFiles());
        try (CtrlC stop = new CtrlC()) {
            SceneCache cache = noCache ? null : SceneCache.standard(n -> err.println("warning: " + n));
            SceneCollection collection = new SceneCollection(extractors, plan, cache);
            DistilledDataset data = new DistilledDataset(out.getFileName().toString(),
                    extractors.stream().map(SceneExtractor::width).toList(), plan.framesPerSegment());
            List<Path> all = new ArrayList<>(videos);
            all.addAll(testVideos);
            for (int i = 0; i < all.size(); i++) {
                Path video = all.get(i);
                String subset = i < videos.size() ? "train" : "test";
                try {
                    VideoInfo info = VideoProbe.info(video);
                    AnalysisListener progress = new PhaseProgress(err);
                    String phase = String.format(Locale.ROOT, "video %d/%d %s", i + 1, all.size(),
                            video.getFileName());
                    CollectedVideo collected = collection.collect(video, info.sha256(),
                            f -> progress.progress(phase, f), stop::requested);
                    SceneVideo v = data.add(video.getFileName().toString(), subset, info.duration(), collected);
                    err.printf(Locale.ROOT, "%s: %s%n", video.getFileName(), labelCounts(v));
                } catch (VideoFormatException e) {
                    err.printf(Locale.ROOT, "skipped %s: %s%n", video, e.getMessage());
                }
            }
            SceneDataset built = data.build();
            SceneDatasetFiles.write(built, out);
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d videos, %d events%n", out,
                    built.videos().size(), built.videos().stream().mapToInt(v -> v.events().size()).sum());
            return 0;
        } catch (VideoCancelledException e) {
            err.printf(Locale.ROOT, "%nstopped; nothing written%n");
            return 130;
        } finally {
            extractors.forEach(SceneExtractor::close);
        }
    }

    private static String labelCounts(SceneVideo v) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        for (SceneSegment s : v.segments()) {
            counts.merge(s.label(), 1, Integer::sum);
        }
        return v.segments().size() + " segments " + counts + ", " + v.events().size() + " events";
    }
}
