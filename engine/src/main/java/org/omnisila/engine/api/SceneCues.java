package org.omnisila.engine.api;

import java.util.List;

/**
 * The cues of one segment grouped by scene. Each list is in the order the engine ranked the cues
 * (most decisive first) and may be empty.
 *
 * @param face       facial-expression cues; never null, may be empty
 * @param action     human-action cues; never null, may be empty
 * @param object     object-relation cues; never null, may be empty
 * @param background visual-background cues; never null, may be empty
 */
public record SceneCues(List<Cue> face, List<Cue> action, List<Cue> object, List<Cue> background) {

    private static final SceneCues EMPTY = new SceneCues(List.of(), List.of(), List.of(), List.of());

    /** Validates and copies the four lists (unmodifiable, no null elements). */
    public SceneCues {
        face = Checks.listCopy("face", face);
        action = Checks.listCopy("action", action);
        object = Checks.listCopy("object", object);
        background = Checks.listCopy("background", background);
    }

    /** Cues with all four lists empty. */
    public static SceneCues empty() {
        return EMPTY;
    }

    /** The cues of one scene. */
    public List<Cue> get(Scene scene) {
        return switch (scene) {
            case FACE -> face;
            case ACTION -> action;
            case OBJECT -> object;
            case BACKGROUND -> background;
        };
    }
}
