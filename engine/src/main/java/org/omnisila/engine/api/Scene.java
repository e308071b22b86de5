package org.omnisila.engine.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The four scene cues of Omni-SILA's Scene-Enriched Modeling (paper section 3.1), in the order the
 * experts of the scene-balanced MoE are numbered: facial expression (x_f), human action (x_a),
 * object relations (x_o) and visual background (x_b).
 *
 * <p>In JSON a scene is written by its lowercase name ({@code "face"}, {@code "action"},
 * {@code "object"}, {@code "background"}), the same names the fields of {@link SceneWeights} and
 * {@link SceneCues} carry.
 */
public enum Scene {
    /** Facial expression: face boxes and expression logits. The only explicit cue. */
    FACE,
    /** Human action: pose keypoints, heatmaps and motion. */
    ACTION,
    /** Object relations: detected objects and relation triples. */
    OBJECT,
    /** Visual background: the embedding of the frame with people masked out. */
    BACKGROUND;

    /** The lowercase name used in JSON and as the field name in {@link SceneWeights} and {@link SceneCues}. */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether this cue carries explicit sentiment. Only facial expression does; action, object and
     * background carry implicit sentiment (the paper's distinction between explicit and implicit
     * visual sentiment).
     */
    public boolean isExplicit() {
        return this == FACE;
    }

    /**
     * The scene with the given JSON name.
     *
     * @param jsonName {@code "face"}, {@code "action"}, {@code "object"} or {@code "background"}
     * @throws IllegalArgumentException for any other name
     */
    @JsonCreator
    public static Scene fromJsonName(String jsonName) {
        for (Scene scene : values()) {
            if (scene.jsonName().equals(jsonName)) {
                return scene;
            }
        }
        throw new IllegalArgumentException("unknown scene \"" + jsonName
                + "\"; expected one of face, action, object, background");
    }
}
