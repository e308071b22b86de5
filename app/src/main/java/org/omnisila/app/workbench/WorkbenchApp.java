package org.omnisila.app.workbench;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The workbench window (architecture.md, "UI layout"). Started by {@code ./omnisila} with no arguments or by
 * {@code ./omnisila workbench [VIDEO]}; {@link #start(Stage)} builds a {@link MainWindow} and shows it.
 */
public final class WorkbenchApp extends Application {
    /** The window's title. */
    public static final String TITLE = "Omni-SILA Workbench";
    private static volatile Path initialVideo;
    private static volatile Path screenshot;
    private static volatile double screenshotDelay;

    /**
     * Opens the window and returns when it is closed.
     *
     * @param video a video to open at once, or null
     */
    public static void launch(Path video) {
        launch(video, null, 0);
    }

    /**
     * As {@link #launch(Path)}; with {@code png} set, writes a picture of the window after {@code delaySeconds}
     * and closes it (docs/screenshots.sh).
     */
    public static void launch(Path video, Path png, double delaySeconds) {
        initialVideo = video;
        screenshot = png;
        screenshotDelay = delaySeconds;
        Application.launch(WorkbenchApp.class);
    }

    @Override
    public void start(Stage stage) {
        MainWindow window = new MainWindow(stage);
        stage.setTitle(TITLE);
        stage.setScene(new Scene(window.root(), 1280, 800));
        stage.show();
        if (initialVideo != null) {
            window.open(initialVideo);
        }
        if (screenshot != null) {
            WindowSnapshot.later(stage.getScene(), screenshot, screenshotDelay);
        }
    }
}
