package org.omnisila.app.workbench.segment;

import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.omnisila.app.workbench.timeline.LabelPalette;
import org.omnisila.engine.api.Scene;

/**
 * The right-hand panel: the selected segment's sentiment probabilities, routing weights P, causal effects in
 * words, attribution text and cues (each a link that asks the player to show it). It only binds to its
 * {@link SegmentPanelViewModel} and rebuilds its rows when the model's lists change.
 */
public final class SegmentPanelView extends ScrollPane {
    private final SegmentPanelViewModel model;
    private final VBox scores = section("segment-scores");
    private final VBox routing = section("segment-routing");
    private final VBox effects = section("segment-effects");
    private final VBox cues = section("segment-cues");

    public SegmentPanelView(SegmentPanelViewModel model) {
        this.model = model;
        setId("segment-panel");
        setFitToWidth(true);
        setPrefWidth(330);
        Label title = new Label();
        title.setId("segment-title");
        title.setWrapText(true);
        title.setStyle("-fx-font-weight: bold");
        title.textProperty().bind(model.titleProperty());
        Label effectNote = note("segment-effect-note", model.effectNoteProperty());
        Label attribution = new Label();
        attribution.setId("segment-attribution");
        attribution.setWrapText(true);
        attribution.textProperty().bind(model.attributionProperty());
        Label routingNote = note("segment-routing-note", model.routingNoteProperty());
        Label cueNote = note("segment-cue-note", model.cueNoteProperty());
        VBox content = new VBox(6, title, heading("Sentiment"), scores, heading("Routing weights P (how much the "
                + "model listened to each scene)"), routing, routingNote, heading("Causal effect per scene"), effects,
                effectNote, heading("Attribution"), attribution, heading("Cues (click to show in the video)"), cues,
                cueNote);
        content.setPadding(new Insets(8));
        setContent(content);

        model.scores().addListener((ListChangeListener<SegmentPanelViewModel.Bar>) c -> fillScores());
        model.routing().addListener((ListChangeListener<SegmentPanelViewModel.Bar>) c -> fillRouting());
        model.effects().addListener((ListChangeListener<SegmentPanelViewModel.Effect>) c -> fillEffects());
        model.cues().addListener((ListChangeListener<SegmentPanelViewModel.SceneCue>) c -> fillCues());
        fillScores();
        fillRouting();
        fillEffects();
        fillCues();
    }

    public SegmentPanelViewModel model() {
        return model;
    }

    private void fillScores() {
        scores.getChildren().clear();
        for (SegmentPanelViewModel.Bar b : model.scores()) {
            scores.getChildren().add(new ValueBar("score-" + b.name(), b.name(), b.value(), b.valueText(),
                    LabelPalette.of(b.name())));
        }
    }

    private void fillRouting() {
        routing.getChildren().clear();
        for (SegmentPanelViewModel.Bar b : model.routing()) {
            routing.getChildren().add(new ValueBar("routing-" + b.name(), b.name(), b.value(), b.valueText(),
                    LabelPalette.of(Scene.fromJsonName(b.name()))));
        }
    }

    private void fillEffects() {
        effects.getChildren().clear();
        for (SegmentPanelViewModel.Effect e : model.effects()) {
            Label l = new Label(String.format(Locale.ROOT, "%+.2f  %s", e.value(), e.sentence()));
            l.setId("effect-" + e.scene().jsonName());
            l.setWrapText(true);
            effects.getChildren().add(l);
        }
    }

    private void fillCues() {
        cues.getChildren().clear();
        int i = 0;
        for (SegmentPanelViewModel.SceneCue c : model.cues()) {
            Hyperlink link = new Hyperlink(c.text());
            link.setId("cue-" + i++);
            link.setWrapText(true);
            link.setOnAction(e -> model.requestCue(c));
            cues.getChildren().add(link);
        }
    }

    /** A wrapped note bound to {@code text}, shown only when it has some. */
    private static Label note(String id, javafx.beans.value.ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.textProperty().bind(text);
        l.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(text));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private static VBox section(String id) {
        VBox box = new VBox(2);
        box.setId(id);
        return box;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.setTextFill(Color.web("#444444"));
        l.setStyle("-fx-font-weight: bold; -fx-padding: 6 0 0 0");
        l.setWrapText(true);
        return l;
    }
}
