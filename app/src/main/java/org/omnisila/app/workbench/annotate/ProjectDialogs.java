package org.omnisila.app.workbench.annotate;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.TextInputDialog;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.omnisila.annotator.project.ProjectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File > New annotation project and Open annotation project: the file choosers, the annotator's name (asked the
 * first time, then remembered by {@link AnnotatorName}), and a dialog with the project's message when it cannot be
 * opened (open in another window: who has it; not a project; missing), never a stack trace.
 */
public final class ProjectDialogs {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectDialogs.class);
    private static final FileChooser.ExtensionFilter PROJECTS =
            new FileChooser.ExtensionFilter("Annotation projects (*.sila)", "*.sila");

    private final Stage stage;
    private final AnnotationMode mode;
    private final AnnotatorName annotator;

    /**
     * @param stage     the window the dialogs belong to
     * @param mode      annotation mode, switched on once a project is open
     * @param annotator where the annotator's name is remembered
     */
    public ProjectDialogs(Stage stage, AnnotationMode mode, AnnotatorName annotator) {
        this.stage = stage;
        this.mode = mode;
        this.annotator = annotator;
    }

    /** Asks where, for the project's name and (once) the annotator's, then creates and opens the project. */
    public void newProject() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("New annotation project");
        chooser.getExtensionFilters().add(PROJECTS);
        chooser.setInitialFileName("project.sila");
        File f = chooser.showSaveDialog(stage);
        if (f == null) {
            return;
        }
        Path file = f.toPath().getFileName().toString().contains(".") ? f.toPath()
                : f.toPath().resolveSibling(f.getName() + ".sila");
        String base = file.getFileName().toString().replaceFirst("\\.sila$", "");
        Optional<String> name = ask("New annotation project", "The project's name, shown in the window", base,
                "project-name");
        Optional<String> who = name.isEmpty() ? Optional.empty() : annotatorName();
        if (who.isPresent()) {
            opened(file, mode.model().create(file, name.get(), who.get()));
        }
    }

    /** Asks for a project file and (once) the annotator's name, then opens it. */
    public void openProject() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open annotation project");
        chooser.getExtensionFilters().addAll(PROJECTS, new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            open(f.toPath());
        }
    }

    /** Opens a project as the remembered annotator (asking the name the first time). */
    public void open(Path file) {
        annotatorName().ifPresent(who -> open(file, who));
    }

    /**
     * Opens a project as the given annotator ({@code omnisila workbench --project}): annotation mode once open, a
     * dialog with the project's message when it cannot be.
     *
     * @return when it is open (or failed)
     */
    public CompletableFuture<Void> open(Path file, String who) {
        CompletableFuture<Void> opening = mode.model().open(file, who);
        opened(file, opening);
        return opening;
    }

    /** The remembered name, else asked and remembered. */
    private Optional<String> annotatorName() {
        Optional<String> known = annotator.get();
        if (known.isPresent()) {
            return known;
        }
        Optional<String> given = ask("Annotator", "Your name, recorded with each of your edits in the project's "
                + "audit log (asked once)", System.getProperty("user.name", ""), "annotator-name");
        given.ifPresent(annotator::set);
        return given;
    }

    private Optional<String> ask(String title, String header, String initial, String id) {
        TextInputDialog dialog = new TextInputDialog(initial);
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        dialog.getDialogPane().setId(id);
        if (stage.getScene() != null) {
            dialog.initOwner(stage);
        }
        return dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty() && !s.contains("\n"));
    }

    /** Switches to annotation mode once open; a failure gives a dialog with the project's message. */
    private void opened(Path file, CompletableFuture<Void> opening) {
        opening.whenCompleteAsync((v, error) -> {
            if (error == null) {
                mode.activeProperty().set(true);
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            String message = cause.getMessage();
            if (!(cause instanceof ProjectException || cause instanceof IllegalArgumentException)) {
                LOG.error("cannot open the annotation project {}", file, cause);
                message = file + ": cannot be opened: " + (message == null ? cause.getClass().getSimpleName()
                        : message) + ". The details are in the log.";
            }
            showError(stage, message);
        }, Platform::runLater);
    }

    /** The dialog a project that cannot be opened gives. */
    static Alert showError(Stage owner, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setTitle("Annotation project");
        alert.setHeaderText("Cannot open the annotation project");
        alert.getDialogPane().setId("annotation-error");
        if (owner.getScene() != null) {
            alert.initOwner(owner);
        }
        alert.show();
        return alert;
    }
}
