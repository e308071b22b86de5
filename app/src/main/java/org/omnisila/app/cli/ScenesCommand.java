package org.omnisila.app.cli;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.omnisila.engine.icm.DeviceChoice;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.SceneExtractors;
import org.omnisila.engine.scene.export.SceneCueExporter;
import org.omnisila.engine.scene.export.SceneCueFile.FrameCues;
import org.omnisila.engine.scene.export.SceneCueFile.SegmentCues;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.VideoCancelledException;
import org.omnisila.engine.video.VideoProbe;
import org.omnisila.engine.video.VideoWarning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code omnisila scenes}: the per-frame scene cues of a video as cues.json and PNG person masks. */
@Command(name = "scenes", mixinStandardHelpOptions = true,
        description = {"Write what the four scene extractors see on every sampled frame: faces with expressions,",
            "posed persons, objects, relation triples (DIR/cues.json) and person masks (DIR/masks/*.png),",
            "to inspect them or draw them over the video. Ctrl-C stops and writes nothing."})
public final class ScenesCommand implements Callable<Integer> {
    @Parameters(paramLabel = "VIDEO", description = "The video file.")
    Path video;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output directory (created when missing); cues.json and masks/ are replaced.")
    Path out;

    @Mixin
    DeviceOption device;

    @Mixin
    SegmentOption segment;

    @Option(names = "--no-masks", description = "Do not run the person mask or write masks/.")
    boolean noMasks;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        SegmentPlan plan = segment.plan();
        VideoProbe.probe(video); // a file that is no video fails here, before the models load
        Device dev = device.choose();
        try (SceneExtractors.Bundle extractors = SceneExtractors.bundle(dev, new ModelFiles());
                CtrlC stop = new CtrlC()) {
            err.printf(Locale.ROOT, "scene cues of %s on %s%n", video, DeviceChoice.describe(dev));
            SceneCueExporter.Outcome outcome;
            try {
                outcome = new SceneCueExporter(extractors, plan, !noMasks).export(video, out,
                        new PhaseProgress(err), stop::requested);
            } catch (VideoCancelledException e) {
                err.printf(Locale.ROOT, "%nstopped; nothing written%n");
                err.flush();
                return 130;
            }
            for (VideoWarning w : outcome.warnings()) {
                err.printf(Locale.ROOT, "warning: %s%n", w.message());
            }
            int frames = 0;
            int faces = 0;
            int persons = 0;
            int objects = 0;
            int triples = 0;
            for (SegmentCues s : outcome.cues().segments()) {
                for (FrameCues f : s.frames()) {
                    frames++;
                    faces += f.faces().size();
                    persons += f.persons().size();
                    objects += f.objects().size();
                    triples += f.triples().size();
                }
            }
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "%d segments, %d frames: %d faces, %d persons, %d objects, %d triples -> %s%n",
                    outcome.cues().segments().size(), frames, faces, persons, objects, triples, outcome.file());
            o.flush();
            return 0;
        }
    }
}
