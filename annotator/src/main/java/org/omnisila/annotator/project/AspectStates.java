package org.omnisila.annotator.project;

import java.util.Objects;
import org.omnisila.engine.api.Scene;

/**
 * How far each of an item's four scene aspects is reviewed: kept as written (accepted), corrected (edited) or left
 * out of the data sets (rejected), or not looked at yet (docs/annotation-guide.md, "Review rules").
 *
 * @param face       the facial-expression aspect; not null
 * @param action     the human-action aspect; not null
 * @param object     the object-relations aspect; not null
 * @param background the visual-background aspect; not null
 */
public record AspectStates(ItemState face, ItemState action, ItemState object, ItemState background) {

    private static final AspectStates UNREVIEWED = new AspectStates(ItemState.UNREVIEWED, ItemState.UNREVIEWED,
            ItemState.UNREVIEWED, ItemState.UNREVIEWED);

    /** Checks that every state is given. */
    public AspectStates {
        Objects.requireNonNull(face, "face");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(background, "background");
    }

    /** Every aspect unreviewed, as an item is imported. */
    public static AspectStates unreviewed() {
        return UNREVIEWED;
    }

    /** The state of one aspect. */
    public ItemState get(Scene scene) {
        return switch (scene) {
            case FACE -> face;
            case ACTION -> action;
            case OBJECT -> object;
            case BACKGROUND -> background;
        };
    }

    /** A copy with one aspect's state replaced. */
    public AspectStates with(Scene scene, ItemState state) {
        return new AspectStates(scene == Scene.FACE ? state : face, scene == Scene.ACTION ? state : action,
                scene == Scene.OBJECT ? state : object, scene == Scene.BACKGROUND ? state : background);
    }
}
