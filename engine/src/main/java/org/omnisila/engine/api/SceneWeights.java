package org.omnisila.engine.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One number per scene cue, used for the MoE routing weights P and for the causal effects of a
 * segment (see {@link SegmentResult#routing()} and {@link SegmentResult#causalEffect()}, which
 * give the ranges). This record only requires the four numbers to be finite.
 *
 * @param face       value for {@link Scene#FACE}; dimensionless, finite
 * @param action     value for {@link Scene#ACTION}; dimensionless, finite
 * @param object     value for {@link Scene#OBJECT}; dimensionless, finite
 * @param background value for {@link Scene#BACKGROUND}; dimensionless, finite
 */
public record SceneWeights(double face, double action, double object, double background) {

    /** Validates that every value is finite. */
    public SceneWeights {
        Checks.finite("face", face);
        Checks.finite("action", action);
        Checks.finite("object", object);
        Checks.finite("background", background);
    }

    /**
     * Builds weights from a map holding exactly one value per scene.
     *
     * @param values a value for each of the four scenes
     * @throws ResultValidationException if a scene is missing or a value is null or not finite
     */
    public static SceneWeights of(Map<Scene, Double> values) {
        Checks.required("values", values);
        List<String> missing = new ArrayList<>();
        for (Scene scene : Scene.values()) {
            if (values.get(scene) == null) {
                missing.add(scene.jsonName());
            }
        }
        if (!missing.isEmpty()) {
            throw Checks.invalid(missing.get(0), "scene weights need a value for every scene; missing "
                    + String.join(", ", missing));
        }
        return new SceneWeights(values.get(Scene.FACE), values.get(Scene.ACTION),
                values.get(Scene.OBJECT), values.get(Scene.BACKGROUND));
    }

    /** The value for one scene. */
    public double get(Scene scene) {
        return switch (scene) {
            case FACE -> face;
            case ACTION -> action;
            case OBJECT -> object;
            case BACKGROUND -> background;
        };
    }

    /** The sum of the four values. */
    public double sum() {
        return face + action + object + background;
    }
}
