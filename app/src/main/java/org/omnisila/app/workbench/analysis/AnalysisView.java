package org.omnisila.app.workbench.analysis;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The analysis bar over the timeline: Analyze, and while it runs a progress bar with the phase, percentage and
 * time left and a Cancel button; otherwise the last message (a failure and what to do, a cancellation).
 */
public final class AnalysisView extends HBox {
    private final AnalysisViewModel model;

    public AnalysisView(AnalysisViewModel model) {
        this.model = model;
        setId("analysis-bar");
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));

        Button analyze = new Button("Analyze");
        analyze.setId("analyze");
        analyze.disableProperty().bind(model.canAnalyzeProperty().not());
        analyze.setOnAction(e -> model.analyze());

        ProgressBar bar = new ProgressBar();
        bar.setId("analysis-progress");
        bar.setPrefWidth(200);
        bar.progressProperty().bind(model.progressProperty());
        Label progress = new Label();
        progress.setId("analysis-progress-text");
        progress.textProperty().bind(model.progressTextProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("analysis-cancel");
        cancel.setOnAction(e -> model.cancel());
        for (var n : new javafx.scene.Node[] {bar, progress, cancel}) {
            n.visibleProperty().bind(model.runningProperty());
            n.managedProperty().bind(model.runningProperty());
        }

        Label message = new Label();
        message.setId("analysis-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(Bindings.isNotEmpty(model.messageProperty()));
        message.managedProperty().bind(message.visibleProperty());
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);

        getChildren().addAll(analyze, bar, progress, cancel, message);
    }

    public AnalysisViewModel viewModel() {
        return model;
    }
}
