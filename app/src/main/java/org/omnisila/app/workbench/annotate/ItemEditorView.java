package org.omnisila.app.workbench.annotate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.omnisila.annotator.project.Item;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.api.SentimentLabels;

/**
 * The right side in annotation mode: the selected item's label, start and end, the four aspects, the summary, the
 * rationality rating, where it came from and, when the window has a model's analysis of the video, what the model
 * says about the span. Texts are saved when the field loses the focus (or Enter, in the start and end fields); the
 * fields then show the item as saved. A refused edit shows why under the title, and the typed text stays.
 */
public final class ItemEditorView extends ScrollPane {
    private final AnnotationViewModel model;
    private final Label title = new Label("No item selected");
    private final Label problem = new Label();
    private final ComboBox<String> label = new ComboBox<>();
    private final TextField start = new TextField();
    private final TextField end = new TextField();
    private final Map<Scene, TextArea> aspects = new EnumMap<>(Scene.class);
    private final Map<Scene, Label> aspectStates = new EnumMap<>(Scene.class);
    private final TextArea summary = new TextArea();
    private final List<ToggleButton> ratings = new ArrayList<>();
    private final Label source = new Label();
    private final Label state = new Label();
    private final Label opinion = new Label();
    private final VBox body = new VBox(6);
    private boolean showing;

    /**
     * @param model   the annotation state
     * @param opinion what the model says about the selected item's span (empty when no model's analysis is at hand)
     */
    public ItemEditorView(AnnotationViewModel model, javafx.beans.value.ObservableStringValue opinion) {
        this.model = model;
        setId("annotation-editor");
        setFitToWidth(true);
        setPrefWidth(360);
        body.setPadding(new Insets(6));
        title.setId("editor-title");
        title.setStyle("-fx-font-weight: bold");
        problem.setId("annotation-problem");
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: #b00020");
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        state.setId("editor-state");
        source.setId("editor-source");
        source.setWrapText(true);
        this.opinion.setId("editor-model");
        this.opinion.setWrapText(true);
        this.opinion.textProperty().bind(opinion);
        this.opinion.visibleProperty().bind(this.opinion.textProperty().isNotEmpty());
        this.opinion.managedProperty().bind(this.opinion.visibleProperty());

        label.setId("editor-label");
        label.getItems().addAll(SentimentLabels.EXPLICIT);
        label.getItems().addAll(SentimentLabels.IMPLICIT);
        label.setOnAction(e -> {
            Item item = model.selectedProperty().get();
            if (!showing && item != null && label.getValue() != null && !label.getValue().equals(item.label())) {
                model.setLabel(label.getValue());
            }
        });

        start.setId("editor-start");
        end.setId("editor-end");
        for (TextField f : new TextField[] {start, end}) {
            f.setPrefColumnCount(7);
            f.setOnAction(e -> saveSpan());
            f.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    saveSpan();
                }
            });
        }
        GridPane fields = new GridPane();
        fields.setHgap(6);
        fields.setVgap(4);
        fields.addRow(0, new Label("Label"), label);
        fields.addRow(1, new Label("Start (s)"), start);
        fields.addRow(2, new Label("End (s)"), end);
        body.getChildren().addAll(title, state, problem);
        Button reopen = button("Reopen", "editor-reopen", model::reopen);
        Button acceptItem = button("Accept (A)", "editor-accept", model::accept);
        Button rejectItem = button("Reject (R)", "editor-reject", model::reject);
        body.getChildren().add(new HBox(4, acceptItem, rejectItem, reopen));
        body.getChildren().add(fields);

        for (Scene scene : Scene.values()) {
            body.getChildren().add(aspectRow(scene));
        }
        summary.setId("editor-summary");
        summary.setWrapText(true);
        summary.setPrefRowCount(3);
        saveOnFocusLost(summary, () -> model.setSummary(summary.getText()),
                () -> model.selectedProperty().get().summary());
        body.getChildren().addAll(new Label("Summary"), summary, ratingRow(), source, this.opinion);
        setContent(body);
        model.selectedProperty().addListener((o, was, now) -> show(now));
        show(model.selectedProperty().get());
    }

    private VBox aspectRow(Scene scene) {
        TextArea text = new TextArea();
        text.setId("editor-aspect-" + scene.jsonName());
        text.setWrapText(true);
        text.setPrefRowCount(2);
        aspects.put(scene, text);
        saveOnFocusLost(text, () -> model.editAspect(scene, text.getText()),
                () -> model.selectedProperty().get().aspects().get(scene));
        Label name = new Label(aspectTitle(scene));
        name.setStyle("-fx-font-weight: bold");
        Label aspectState = new Label();
        aspectState.setId("editor-aspect-" + scene.jsonName() + "-state");
        aspectStates.put(scene, aspectState);
        String id = "editor-aspect-" + scene.jsonName();
        Button accept = button("Accept", id + "-accept", () -> model.acceptAspect(scene));
        Button save = button("Edit", id + "-edit", () -> model.editAspect(scene, text.getText()));
        Button reject = button("Reject", id + "-reject", () -> model.rejectAspect(scene));
        HBox head = new HBox(6, name, aspectState);
        HBox actions = new HBox(4, accept, save, reject);
        return new VBox(2, head, text, actions);
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private HBox ratingRow() {
        ToggleGroup group = new ToggleGroup();
        HBox row = new HBox(3, new Label("Rationality (Atr-R)"));
        for (int r = 1; r <= 6; r++) {
            int rating = r;
            ToggleButton b = new ToggleButton(Integer.toString(r));
            b.setId("rating-" + r);
            b.setToggleGroup(group);
            b.setOnAction(e -> {
                Item item = model.selectedProperty().get();
                if (item != null) {
                    // Pressing the rating given takes it back.
                    model.rate(Objects.equals(item.rating(), rating) ? null : rating);
                }
            });
            ratings.add(b);
            row.getChildren().add(b);
        }
        return row;
    }

    private void saveOnFocusLost(TextInputControl field, Runnable save, java.util.function.Supplier<String> saved) {
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now && !showing && model.selectedProperty().get() != null
                    && !field.getText().equals(Objects.requireNonNullElse(saved.get(), ""))) {
                save.run();
            }
        });
    }

    private void saveSpan() {
        Item item = model.selectedProperty().get();
        if (showing || item == null) {
            return;
        }
        if (start.getText().equals(FrameSnap.format(item.start())) && end.getText().equals(
                FrameSnap.format(item.end()))) {
            return;
        }
        model.setSpan(start.getText(), end.getText());
    }

    /**
     * Fills the fields from the item as saved. Every edit is made from a field that has just lost the focus, from
     * Enter in that field, or from a key or button outside the fields, so no field holds unsaved typing here; a
     * refused edit changes no item and calls nothing here, so what was typed stays.
     */
    private void show(Item item) {
        showing = true;
        try {
            body.setDisable(item == null);
            if (item == null) {
                title.setText("No item selected");
                state.setText("");
                source.setText("");
                return;
            }
            int position = model.queue().items().stream().map(Item::id).toList().indexOf(item.id());
            title.setText(position < 0 ? "Item " + item.id() : String.format(Locale.ROOT, "Item %d of %d: %s",
                    position + 1, model.queue().items().size(), QueueView.describe(item).split("  ")[0]));
            state.setText("State: " + item.state().dbName()
                    + (item.rating() == null ? ", not rated" : ", rated " + item.rating()));
            if (item.label() != null && !label.getItems().contains(item.label())) {
                label.getItems().add(item.label());
            }
            label.setValue(item.label());
            set(start, FrameSnap.format(item.start()));
            set(end, FrameSnap.format(item.end()));
            for (Scene scene : Scene.values()) {
                set(aspects.get(scene), item.aspects().get(scene));
                aspectStates.get(scene).setText("(" + item.aspectStates().get(scene).dbName() + ")");
            }
            set(summary, item.summary());
            for (int r = 0; r < ratings.size(); r++) {
                ratings.get(r).setSelected(item.rating() != null && item.rating() == r + 1);
            }
            source.setText(sourceLine(item));
        } finally {
            showing = false;
        }
    }

    private static void set(TextInputControl field, String text) {
        field.setText(text == null ? "" : text);
    }

    /** "Attribution by gpt-4-vision-preview 2024-04, score 0.42, frame 1.20 s". */
    static String sourceLine(Item item) {
        StringBuilder b = new StringBuilder();
        String src = item.source().dbName();
        b.append(Character.toUpperCase(src.charAt(0))).append(src.substring(1).replace('-', ' '));
        b.append(" by ").append(item.generator());
        if (item.generatorVersion() != null && !item.generatorVersion().isEmpty()) {
            b.append(' ').append(item.generatorVersion());
        }
        if (item.score() != null) {
            b.append(String.format(Locale.ROOT, ", score %.2f", item.score()));
        }
        if (item.frameTime() != null) {
            b.append(String.format(Locale.ROOT, ", frame %.2f s", item.frameTime()));
        }
        return b.toString();
    }

    private static String aspectTitle(Scene scene) {
        return switch (scene) {
            case FACE -> "Facial expression";
            case ACTION -> "Human action";
            case OBJECT -> "Object relations / image region";
            case BACKGROUND -> "Visual background";
        };
    }
}
