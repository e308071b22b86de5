package org.omnisila.annotator.project;

import org.omnisila.engine.api.Scene;

/**
 * What was seen in a segment from the four scene aspects of Omni-SILA (paper section 4.1: GPT-4V describes each
 * frame by facial expression, human action, object relations / image region and visual background). Any text may
 * be null (not described: ground truth has none) or empty (described as nothing to see).
 *
 * @param face       facial expression
 * @param action     human action
 * @param object     object relations, the image region
 * @param background visual background
 */
public record Aspects(String face, String action, String object, String background) {

    private static final Aspects NONE = new Aspects(null, null, null, null);

    /** No aspect described. */
    public static Aspects none() {
        return NONE;
    }

    /** The text of one aspect. */
    public String get(Scene scene) {
        return switch (scene) {
            case FACE -> face;
            case ACTION -> action;
            case OBJECT -> object;
            case BACKGROUND -> background;
        };
    }
}
