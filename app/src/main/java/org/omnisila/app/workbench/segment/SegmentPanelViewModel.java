package org.omnisila.app.workbench.segment;

import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.omnisila.engine.api.Cue;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.api.SegmentResult;

/**
 * What the segment panel shows for the selected {@link SegmentResult}, as properties and lists the view binds
 * to: the title, sentiment probabilities, routing weights P, causal effects with their sentences, attribution
 * text, cues. {@link #requestCue(SceneCue)} reports a clicked cue (its time and box) to the player.
 */
public final class SegmentPanelViewModel {
    /** One bar: a name and a value in [0, 1]. */
    public record Bar(String name, double value) {
        public String valueText() {
            return String.format(Locale.ROOT, "%.2f", value);
        }
    }

    /** One scene's causal effect with its sentence. */
    public record Effect(Scene scene, double value, String sentence) {
    }

    /** A cue with the scene it belongs to. */
    public record SceneCue(Scene scene, Cue cue) {
        /** e.g. "action: person - hits - person at 12.50 s". */
        public String text() {
            return String.format(Locale.ROOT, "%s: %s at %.2f s", scene.jsonName(), cue.text(), cue.time());
        }
    }

    private final ObjectProperty<SegmentResult> segment = new SimpleObjectProperty<>(this, "segment");
    private final ObjectProperty<ModelInfo> model = new SimpleObjectProperty<>(this, "model");
    private final ReadOnlyStringWrapper routingNote = new ReadOnlyStringWrapper(this, "routingNote", "");
    private final ReadOnlyStringWrapper cueNote = new ReadOnlyStringWrapper(this, "cueNote", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper attribution = new ReadOnlyStringWrapper(this, "attribution", "");
    private final ReadOnlyStringWrapper effectNote = new ReadOnlyStringWrapper(this, "effectNote", "");
    private final ObservableList<Bar> scores = FXCollections.observableArrayList();
    private final ObservableList<Bar> routing = FXCollections.observableArrayList();
    private final ObservableList<Effect> effects = FXCollections.observableArrayList();
    private final ObservableList<SceneCue> cues = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<SceneCue> requestedCue = new ReadOnlyObjectWrapper<>(this, "requestedCue");
    private Consumer<SceneCue> onCue = c -> { };

    public SegmentPanelViewModel() {
        segment.addListener((o, was, now) -> fill(now));
        model.addListener((o, was, now) -> fill(segment.get()));
        fill(null);
    }

    /**
     * The model of the analysis shown (null: unknown); bind it to the shown result's {@code model}. A full-model
     * result ({@code config} "full-...", docs/formats.md) has no causal effects or cues: the notes say that the full
     * model does not compute them, instead of showing empty sections.
     */
    public ObjectProperty<ModelInfo> modelProperty() {
        return model;
    }

    /** Why there are no routing weights, when there are none; else empty. */
    public ReadOnlyStringProperty routingNoteProperty() {
        return routingNote.getReadOnlyProperty();
    }

    /** Why there are no cues, when there are none ("(no cues)", or not computed by the full model); else empty. */
    public ReadOnlyStringProperty cueNoteProperty() {
        return cueNote.getReadOnlyProperty();
    }

    /** @return whether {@code info} is the full model's (Video-LLaVA, with or without the ICM adapter) */
    public static boolean isFullModel(ModelInfo info) {
        return info != null && info.config().startsWith("full-");
    }

    /** The segment shown (null: none); bind it to the timeline's selected segment. */
    public ObjectProperty<SegmentResult> segmentProperty() {
        return segment;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty attributionProperty() {
        return attribution.getReadOnlyProperty();
    }

    /** Why there are no causal effects, when there are none; else empty. */
    public ReadOnlyStringProperty effectNoteProperty() {
        return effectNote.getReadOnlyProperty();
    }

    /** Sentiment probabilities, in the model's label order. */
    public ObservableList<Bar> scores() {
        return scores;
    }

    /** Routing weights P, one per scene (empty when the model has no router). */
    public ObservableList<Bar> routing() {
        return routing;
    }

    /** Causal effects, one per scene (empty when interventions were not computed). */
    public ObservableList<Effect> effects() {
        return effects;
    }

    /** The cues, scene by scene, most decisive first within a scene. */
    public ObservableList<SceneCue> cues() {
        return cues;
    }

    /** The last cue clicked, or null. */
    public ReadOnlyObjectProperty<SceneCue> requestedCueProperty() {
        return requestedCue.getReadOnlyProperty();
    }

    /** @param onCue called with every clicked cue (the player seeks to its time and highlights its box) */
    public void setOnCue(Consumer<SceneCue> onCue) {
        this.onCue = onCue == null ? c -> { } : onCue;
    }

    /** A cue was clicked. */
    public void requestCue(SceneCue cue) {
        requestedCue.set(cue);
        onCue.accept(cue);
    }

    private void fill(SegmentResult s) {
        scores.clear();
        routing.clear();
        effects.clear();
        cues.clear();
        if (s == null) {
            title.set("No segment selected: click the timeline");
            attribution.set("");
            effectNote.set("");
            routingNote.set("");
            cueNote.set("");
            return;
        }
        boolean full = isFullModel(model.get());
        String top = s.topLabel();
        title.set(String.format(Locale.ROOT, "Segment %d: %.2f-%.2f s, %s %.2f", s.index(), s.start(), s.end(), top,
                s.sentimentScores().get(top)));
        for (Map.Entry<String, Double> e : s.sentimentScores().entrySet()) {
            scores.add(new Bar(e.getKey(), e.getValue()));
        }
        if (s.routing() != null) {
            for (Scene scene : Scene.values()) {
                routing.add(new Bar(scene.jsonName(), s.routing().get(scene)));
            }
            routingNote.set("");
        } else {
            routingNote.set(full ? "No routing weights: this full model has no ICM scene block (loaded without an "
                    + "adapter, or its fusion is none)." : "No routing weights: the model has no router.");
        }
        if (s.causalEffect() != null) {
            for (Scene scene : Scene.values()) {
                double v = s.causalEffect().get(scene);
                effects.add(new Effect(scene, v, CausalEffectSentence.of(scene, v, top)));
            }
            effectNote.set("");
        } else if (full) {
            effectNote.set("No causal effects: this full model has no ICM scene block to intervene on (plain "
                    + "Video-LLaVA), or its answer named no label; the attribution below says why in words.");
        } else {
            effectNote.set("No causal effects: the analysis did not compute interventions.");
        }
        attribution.set(s.attribution() == null || s.attribution().isBlank()
                ? "(no attribution text: the model generates none)" : s.attribution());
        for (Scene scene : Scene.values()) {
            for (Cue c : s.cues().get(scene)) {
                cues.add(new SceneCue(scene, c));
            }
        }
        cueNote.set(!cues.isEmpty() ? "" : full ? "(cues not computed by the full model: it sees the video as one "
                + "clip of eight frames)" : "(no cues)");
    }
}
