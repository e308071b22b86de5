package org.omnisila.app.workbench.annotate;

import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Annotation mode's keys, one each, for every key pressed inside a node (the window's root) while the mode is on
 * and the focus is not in a text field (where the keys type, and Ctrl+Z undoes the typing):
 * <ul>
 *   <li>A: accept the item; R: reject it</li>
 *   <li>Down: next item; Up: previous item</li>
 *   <li>S: play the item's span once (from its start, pausing at its end)</li>
 *   <li>Ctrl+Z: undo; Ctrl+Shift+Z or Ctrl+Y: redo</li>
 * </ul>
 * The other keys of the window (the player's, N and P between located sentiments) keep working.
 */
public final class AnnotationKeys {
    private AnnotationKeys() {
    }

    /**
     * @param node        where the keys are caught (the root: the whole window)
     * @param active      whether annotation mode is on
     * @param model       the annotation state the keys act on
     * @param playSegment plays the selected item's span once
     */
    public static void install(Node node, BooleanSupplier active, AnnotationViewModel model, Runnable playSegment) {
        node.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!active.getAsBoolean() || e.getTarget() instanceof TextInputControl || e.isAltDown()) {
                return;
            }
            if (act(e, model, playSegment)) {
                e.consume();
            }
        });
    }

    private static boolean act(KeyEvent e, AnnotationViewModel model, Runnable playSegment) {
        KeyCode code = e.getCode();
        if (e.isShortcutDown()) {
            if (code == KeyCode.Z && !e.isShiftDown()) {
                model.undo();
            } else if ((code == KeyCode.Z && e.isShiftDown()) || (code == KeyCode.Y && !e.isShiftDown())) {
                model.redo();
            } else {
                return false;
            }
            return true;
        }
        if (e.isShiftDown()) {
            return false;
        }
        switch (code) {
            case A -> model.accept();
            case R -> model.reject();
            case DOWN -> model.queue().next();
            case UP -> model.queue().previous();
            case S -> playSegment.run();
            default -> {
                return false;
            }
        }
        return true;
    }
}
