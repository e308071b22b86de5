package org.omnisila.app.cli.annotate;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.omnisila.annotator.export.AnnotationExporter;
import org.omnisila.annotator.export.ExportException;
import org.omnisila.annotator.export.ExportReport;
import org.omnisila.annotator.export.ExportSet;
import org.omnisila.annotator.export.ExportSettings;
import org.omnisila.annotator.export.ImageFormat;
import org.omnisila.annotator.export.MediaMode;
import org.omnisila.annotator.export.SceneSource;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.ProjectException;
import org.omnisila.app.cli.CtrlC;
import org.omnisila.engine.analysis.SceneCache;
import org.omnisila.engine.icm.DeviceChoice;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.scene.SceneExtractors;
import org.omnisila.engine.video.SegmentPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code omnisila annotate export}: the reviewed items of a project as training data sets. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export the reviewed items of an annotation project: the Scene-tuning and Omni-SILA tuning",
            "instruction data sets (Video-LLaVA conversation JSON) with their media, the scene-feature data set",
            "for omnisila train, and a dataset card, split into train and test by video (docs/annotation-guide.md,",
            "\"Exports\"). Accepted and edited items are exported, rejected ones never. The same project and",
            "settings give byte-identical files. Ctrl-C stops; nothing is written then."})
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The annotation project file (.sila).")
    Path project;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The folder to create; it must not exist, or be empty.")
    Path out;

    @Option(names = "--sets", split = ",", defaultValue = "scene-tuning,omnisila-tuning",
            paramLabel = "SET[,SET...]",
            description = "scene-tuning, omnisila-tuning, scene-features (default: ${DEFAULT-VALUE}).")
    List<String> sets;

    @Option(names = "--media", defaultValue = "none", paramLabel = "clips|frames|none",
            description = "Per item: an H.264 clip, 8 frames, or none (refer to the source video; default).")
    String media;

    @Option(names = "--frame-format", defaultValue = "jpg", paramLabel = "jpg|png",
            description = "Image format of --media frames (default: ${DEFAULT-VALUE}).")
    String frameFormat;

    @Option(names = "--context", defaultValue = "0", paramLabel = "SECONDS",
            description = "Seconds of video kept before and after each item in its clip or frames (default: 0).")
    double context;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the train/test split (default: 1).")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.2", paramLabel = "F",
            description = "Share of the videos in the test split (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--include-unreviewed", description = "Export unreviewed items too.")
    boolean includeUnreviewed;

    @Option(names = "--agreement", paramLabel = "FILE",
            description = "A text file with the annotators' agreement summary, copied into the card.")
    Path agreement;

    @Option(names = "--annotator", paramLabel = "NAME",
            description = "Who opens the project (recorded in its sessions; default: $OMNISILA_ANNOTATOR, else your "
                    + "user name).")
    String annotator;

    @ParentCommand
    AnnotateCommand parent;

    @Option(names = "--segment", defaultValue = "2.0", paramLabel = "SECONDS",
            description = "scene-features: segment length (default: ${DEFAULT-VALUE}); 8 frames per segment.")
    double segment;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|cuda[:N]",
            description = "scene-features: where the scene models run (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--no-cache", description = "scene-features: extract again even when the scene cache has it.")
    boolean noCache;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String name = spec.qualifiedName();
        try {
            ExportSettings settings = settings();
            List<SceneExtractor> extractors = List.of();
            try (CtrlC stop = new CtrlC()) {
                SceneSource scenes = null;
                if (settings.sets().contains(ExportSet.SCENE_FEATURES)) {
                    Device dev = DeviceChoice.choose(device, DeviceChoice.gpuCount());
                    extractors = SceneExtractors.open(dev, new ModelFiles());
                    scenes = new SceneSource(extractors, new SegmentPlan(segment, 8),
                            noCache ? null : SceneCache.standard(n -> err.println("warning: " + n)));
                }
                ExportReport report;
                try (AnnotationProject p = AnnotationProject.open(project, parent.annotator(annotator))) {
                    report = new AnnotationExporter(settings, scenes).export(p, out, new Progress(err),
                            stop::requested);
                }
                spec.commandLine().getOut().println("wrote " + report.summary());
                return 0;
            } finally {
                extractors.forEach(SceneExtractor::close);
            }
        } catch (CancellationException e) { // VideoCancelledException too
            err.printf(Locale.ROOT, "%nstopped; nothing written%n");
            return 130;
        } catch (ExportException | ProjectException | IllegalArgumentException e) {
            err.println(name + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println(name + ": cannot read " + agreement + ": " + e.getMessage());
            return 1;
        } finally {
            err.flush();
        }
    }

    private ExportSettings settings() throws IOException {
        Set<ExportSet> chosen = EnumSet.noneOf(ExportSet.class);
        for (String set : sets) {
            chosen.add(ExportSet.of(set));
        }
        ImageFormat format = switch (frameFormat.toLowerCase(Locale.ROOT)) {
            case "jpg", "jpeg" -> ImageFormat.JPEG;
            case "png" -> ImageFormat.PNG;
            default -> throw new IllegalArgumentException("unknown --frame-format \"" + frameFormat
                    + "\"; expected jpg or png");
        };
        String summary = agreement == null ? null : Files.readString(agreement, StandardCharsets.UTF_8);
        return new ExportSettings(chosen, MediaMode.of(media), format, context, seed, testFraction,
                includeUnreviewed, summary);
    }

    /** Progress on one console line, rewritten in place at most five times a second. */
    private static final class Progress implements org.omnisila.annotator.export.ExportListener {
        private final PrintWriter err;
        private long last;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void progress(int done, int total) {
            long now = System.nanoTime();
            if (now - last < 200_000_000L && done < total) {
                return;
            }
            last = now;
            err.printf(Locale.ROOT, "\rexporting %,d/%,d   ", done, total);
            if (done >= total) {
                err.println();
            }
            err.flush();
        }
    }
}
