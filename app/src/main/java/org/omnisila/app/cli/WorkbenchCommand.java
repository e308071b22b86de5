package org.omnisila.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.omnisila.app.workbench.WorkbenchApp;
import org.omnisila.app.workbench.annotate.AnnotatorName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code omnisila workbench [VIDEO]} (and {@code omnisila} alone): opens the workbench window. */
@Command(name = "workbench", mixinStandardHelpOptions = true,
        description = "Open the workbench window (the default when omnisila is run without a command).")
public final class WorkbenchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "VIDEO", arity = "0..1", description = "A video to open at once.")
    Path video;

    @Option(names = "--result", paramLabel = "JSON", description = "A result JSON (omnisila analyze) to show at once.")
    Path result;

    @Option(names = "--at", paramLabel = "SECONDS", description = "Go to this time once the video is open.")
    Double at;

    @Option(names = "--ask", paramLabel = "INSTRUCTION",
            description = "Ask this instruction in the instruction box once the result is shown.")
    String ask;

    @Option(names = "--cues", description = "Compute the cue overlays (faces, poses, objects, person mask) of VIDEO "
            + "at once.")
    boolean cues;

    @Option(names = "--project", paramLabel = "SILA",
            description = "An annotation project to open at once, in annotation mode.")
    Path project;

    @Option(names = "--annotator", paramLabel = "NAME", description = "Who works in --project (default: "
            + "$OMNISILA_ANNOTATOR, else the name the window remembers, else your user name).")
    String annotator;

    @Option(names = "--llm", paramLabel = "DIR", description = "A Video-LLaVA folder: the instruction box answers with "
            + "the full model (loaded at once, in the background).")
    Path llm;

    @Option(names = "--tower", paramLabel = "DIR", description = "With --llm: the video tower folder, when the "
            + "Video-LLaVA folder does not hold it.")
    Path tower;

    @Option(names = "--adapter", paramLabel = "DIR", description = "With --llm: an ICM adapter folder.")
    Path adapter;

    @Option(names = "--llm-window", paramLabel = "SECONDS", defaultValue = "0",
            description = "With --llm: Analyze scores windows of this length, a segment each (Analysis > Full model "
                    + "windows...); 0 (default): the whole video as one segment.")
    double llmWindow;

    @Option(names = "--analyze", description = "Analyse VIDEO at once (Analysis > Analyze); with --llm, with the full "
            + "model once it has loaded.")
    boolean analyze;

    @Mixin
    DeviceOption device;

    @Option(names = "--screenshot", hidden = true, paramLabel = "PNG",
            description = "Write a picture of the window to PNG after --screenshot-delay seconds, then close.")
    Path screenshot;

    @Option(names = "--screenshot-delay", hidden = true, defaultValue = "4")
    double screenshotDelay;

    @Override
    public Integer call() {
        if (!displayAvailable()) {
            spec.commandLine().getErr().println("omnisila: no display to open the workbench window on (DISPLAY is "
                    + "not set). Run it on a desktop, under xvfb-run, or use the command line: omnisila --help");
            return 1;
        }
        if ((tower != null || adapter != null || llmWindow != 0) && llm == null) {
            throw new IllegalArgumentException("--tower, --adapter and --llm-window go with --llm DIR");
        }
        if (!(llmWindow >= 0) || Double.isInfinite(llmWindow)) {
            throw new IllegalArgumentException("--llm-window must be >= 0 seconds, not " + llmWindow);
        }
        if (analyze && video == null) {
            throw new IllegalArgumentException("--analyze needs a VIDEO to analyse");
        }
        WorkbenchApp.analyzeAtStart(analyze);
        if (llm != null) {
            WorkbenchApp.loadFullModel(new WorkbenchApp.FullModelStart(llm, tower, adapter, device.choose(),
                    llmWindow));
        }
        WorkbenchApp.launch(new WorkbenchApp.Start(video, result, at, ask, cues, project,
                project == null ? null : annotator()), screenshot, screenshotDelay);
        return 0;
    }

    private String annotator() {
        if (nonBlank(annotator)) {
            return annotator.strip();
        }
        String variable = System.getenv("OMNISILA_ANNOTATOR");
        if (nonBlank(variable)) {
            return variable.strip();
        }
        return AnnotatorName.standard().get().orElse(System.getProperty("user.name", "annotator"));
    }

    private static boolean displayAvailable() {
        return "Monocle".equals(System.getProperty("glass.platform")) || nonBlank(System.getenv("DISPLAY"))
                || nonBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }
}
