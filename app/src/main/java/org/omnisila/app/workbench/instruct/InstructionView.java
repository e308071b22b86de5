package org.omnisila.app.workbench.instruct;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The instruction box under the segment panel: a field for the instruction (Enter or Ask answers it), two
 * buttons that ask the paper's instruction about the whole video or about the selected segment, the answer, and
 * which model answered. Only binds to its {@link InstructionViewModel}.
 */
public final class InstructionView extends VBox {
    private final TextField question = new TextField();

    public InstructionView(InstructionViewModel model) {
        setId("instruction-box");
        setSpacing(4);
        setPadding(new Insets(8));
        Label heading = new Label("Ask the model");
        heading.setStyle("-fx-font-weight: bold");

        question.setId("instruction-question");
        question.setPromptText("identify / locate / attribute; \"segment 3\", \"at 12 s\", \"from 4 s to 8 s\"");
        question.textProperty().bindBidirectional(model.questionProperty());
        question.setOnAction(e -> model.ask());
        Button ask = new Button("Ask");
        ask.setId("instruction-ask");
        ask.setOnAction(e -> model.ask());
        HBox.setHgrow(question, Priority.ALWAYS);
        HBox line = new HBox(4, question, ask);

        Button video = new Button("Whole video");
        video.setId("instruction-video");
        video.setOnAction(e -> model.askAboutVideo());
        Button segment = new Button("Selected segment");
        segment.setId("instruction-segment");
        segment.disableProperty().bind(model.segmentProperty().isNull());
        segment.setOnAction(e -> model.askAboutSegment());
        HBox presets = new HBox(4, video, segment);

        TextArea answer = new TextArea();
        answer.setId("instruction-answer");
        answer.setEditable(false);
        answer.setWrapText(true);
        answer.setPrefRowCount(6);
        answer.textProperty().bind(model.answerProperty());
        VBox.setVgrow(answer, Priority.ALWAYS);
        Label by = new Label();
        by.setId("instruction-answered-by");
        by.setWrapText(true);
        by.textProperty().bind(model.answeredByProperty());

        ProgressBar progress = new ProgressBar();
        progress.setId("instruction-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(model.progressProperty());
        HBox.setHgrow(progress, Priority.ALWAYS);
        Button cancel = new Button("Cancel");
        cancel.setId("instruction-cancel");
        cancel.setOnAction(e -> model.cancel());
        HBox working = new HBox(4, progress, cancel);
        working.visibleProperty().bind(model.busyProperty());
        working.managedProperty().bind(model.busyProperty());
        ask.disableProperty().bind(model.busyProperty());
        Label full = new Label();
        full.setId("instruction-full-model");
        full.setWrapText(true);
        full.textProperty().bind(javafx.beans.binding.Bindings.when(model.fullModelProperty().isEmpty())
                .then("").otherwise(javafx.beans.binding.Bindings.concat("Full model: ", model.fullModelProperty())));

        Label conversation = new Label();
        conversation.setId("instruction-conversation");
        conversation.setWrapText(true);
        conversation.textProperty().bind(model.conversationProperty());
        Button newConversation = new Button("New conversation");
        newConversation.setId("instruction-new-conversation");
        newConversation.setOnAction(e -> model.newConversation());
        newConversation.disableProperty().bind(model.busyProperty());
        newConversation.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the label wraps, the button stays
        conversation.setMaxWidth(Double.MAX_VALUE);
        conversation.setMinWidth(0);
        HBox thread = new HBox(4, conversation, newConversation);
        HBox.setHgrow(conversation, Priority.ALWAYS);
        thread.visibleProperty().bind(model.conversationProperty().isNotEmpty());
        thread.managedProperty().bind(thread.visibleProperty());

        getChildren().addAll(heading, full, line, presets, working, answer, by, thread);
    }

    /** Puts the keyboard focus in the instruction field (Analysis > Ask, Ctrl+I). */
    public void focusQuestion() {
        question.requestFocus();
        question.selectAll();
    }
}
