package org.omnisila.app.workbench.log;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort for an error no view handled (a bug): it goes to the log with its stack trace, and the user gets
 * a dialog that says what happened, that the window goes on, and where the details are. One dialog at a time: a
 * burst of the same error does not bury the window.
 */
public final class UnexpectedErrors {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrors.class);
    private static Alert shown;

    private UnexpectedErrors() {
    }

    /** Catches every thread's uncaught errors from now on; dialogs are owned by {@code owner}. */
    public static void install(Window owner) {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            LOG.error("unexpected error in thread {}", thread.getName(), error);
            if (Platform.isFxApplicationThread()) {
                show(owner, error);
            } else {
                Platform.runLater(() -> show(owner, error));
            }
        });
    }

    /** @return the dialog's text for an error */
    public static String message(Throwable error) {
        String what = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return "Something went wrong that the workbench did not expect: " + what + ".\n\nThe window goes on "
                + "working; if it misbehaves, export what you need and restart it. Please report this with the "
                + "log, where the details are: " + WorkbenchLog.where();
    }

    private static void show(Window owner, Throwable error) {
        if (shown != null && shown.isShowing()) {
            return;
        }
        Alert alert = new Alert(Alert.AlertType.ERROR, message(error));
        alert.setTitle("Unexpected error");
        alert.setHeaderText("Unexpected error");
        alert.getDialogPane().setId("unexpected-error");
        if (owner != null && owner.getScene() != null) {
            alert.initOwner(owner);
        }
        shown = alert;
        alert.show();
    }
}
