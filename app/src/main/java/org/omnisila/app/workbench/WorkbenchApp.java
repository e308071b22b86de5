package org.omnisila.app.workbench;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.omnisila.app.workbench.log.UnexpectedErrors;
import org.omnisila.app.workbench.log.WorkbenchLog;
import org.omnisila.engine.models.ModelFiles;

/**
 * The workbench window (architecture.md, "UI layout"). Started by {@code ./omnisila} with no arguments or by
 * {@code ./omnisila workbench [VIDEO]}; {@link #start(Stage)} builds a {@link MainWindow} and shows it.
 */
public final class WorkbenchApp extends Application {
    /** The window's title. */
    public static final String TITLE = "Omni-SILA Workbench";
    private static volatile Start initial = new Start(null, null, null, null, false);
    private static volatile Path screenshot;
    private static volatile double screenshotDelay;

    /**
     * Opens the window and returns when it is closed.
     *
     * @param video a video to open at once, or null
     */
    public static void launch(Path video) {
        launch(new Start(video, null, null, null, false), null, 0);
    }

    /**
     * What the window shows when it opens.
     *
     * @param video  a video to open, or null
     * @param result a result JSON to show, or null
     * @param at     a time to go to, seconds, or null
     * @param ask    an instruction to ask once the result is shown, or null
     * @param cues   whether to compute the cue overlays of the video at once (Analysis > Compute cue overlays)
     * @param project   an annotation project to open in annotation mode, or null
     * @param annotator who works in the project (null without one)
     */
    /**
     * A full model to load at once ({@code workbench --llm}): Video-LLaVA folder, tower folder, adapter folder, and
     * the window length Analyze uses with it (0: the whole video).
     */
    public record FullModelStart(Path base, Path tower, Path adapter, ai.djl.Device device, double window) {
    }

    private static volatile FullModelStart fullModel;
    private static volatile boolean analyzeAtStart;

    /** Analyses the opened video when the window opens ({@code workbench VIDEO --analyze}), after a full model loads. */
    public static void analyzeAtStart(boolean analyze) {
        analyzeAtStart = analyze;
    }

    /** Loads this full model into the instruction box when the window opens (call before {@link #launch}). */
    public static void loadFullModel(FullModelStart start) {
        fullModel = start;
    }

    public record Start(Path video, Path result, Double at, String ask, boolean cues, Path project,
                        String annotator) {

        /** Without an annotation project. */
        public Start(Path video, Path result, Double at, String ask, boolean cues) {
            this(video, result, at, ask, cues, null, null);
        }

    }

    /**
     * As {@link #launch(Path)}, with what to show first; with {@code png} set, writes a picture of the window
     * after {@code delaySeconds} and closes it (docs/screenshots.sh).
     */
    public static void launch(Start start, Path png, double delaySeconds) {
        initial = start;
        screenshot = png;
        screenshotDelay = delaySeconds;
        WorkbenchLog.start(ModelFiles.defaultCacheRoot().resolve("logs"));
        try {
            Application.launch(WorkbenchApp.class);
        } finally {
            WorkbenchLog.stop();
        }
    }

    @Override
    public void start(Stage stage) {
        UnexpectedErrors.install(stage);
        MainWindow window = new MainWindow(stage);
        stage.setTitle(TITLE);
        stage.setScene(new Scene(window.root(), 1280, 800));
        stage.show();
        if (initial.video() != null) {
            window.open(initial.video());
        }
        if (initial.result() != null) {
            window.openResult(initial.result());
        }
        if (initial.at() != null) {
            window.timeline().seek(initial.at());
        }
        CompletableFuture<?> ready = CompletableFuture.completedFuture(null);
        if (initial.cues() && initial.video() != null) {
            ready = window.overlays().compute(window.playerModel().videoProperty().get());
        }
        if (initial.project() != null) {
            CompletableFuture<Void> opening = window.projects().open(initial.project(), initial.annotator());
            ready = ready.thenCombine(opening.exceptionally(e -> null), (a, b) -> null);
        }
        FullModelStart llm = fullModel;
        CompletableFuture<Boolean> loaded = CompletableFuture.completedFuture(false);
        if (llm != null) {
            window.setFullModelWindow(llm.window()); // before loading: Analyze then uses it from the start
            loaded = window.instruction().loadFullModel(llm.base(), llm.tower(), llm.adapter(), llm.device());
        }
        if (initial.ask() != null) {
            // with a full model, the instruction waits for it to load (else the analysis shown would answer)
            String ask = initial.ask();
            loaded.thenAccept(ok -> {
                window.instruction().questionProperty().set(ask);
                window.instruction().ask();
            });
            ready = ready.thenCombine(loaded, (a, b) -> null);
        }
        if (analyzeAtStart && initial.video() != null) {
            // with --llm, after the full model has loaded and the analysis has switched to it
            CompletableFuture<Void> analysed = loaded.thenCompose(ok -> window.analysis().analyzeWhenReady());
            ready = ready.thenCombine(analysed, (a, b) -> null);
        }
        if (screenshot != null) {
            // the delay counts from when the cue overlays (if asked for) are drawn
            ready.whenComplete((r, e) -> javafx.application.Platform.runLater(
                    () -> WindowSnapshot.later(stage.getScene(), screenshot, screenshotDelay)));
        }
    }
}
