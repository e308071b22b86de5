package org.omnisila.app.workbench.timeline;

import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The window-wide keys that move between located sentiments, wherever the focus is (except while typing in a text
 * field): N or Ctrl+Right to the start of the next one, P or Ctrl+Left to the start of the previous one.
 */
public final class LocatedKeys {
    private LocatedKeys() {
    }

    /** Adds the keys to every key pressed inside {@code node} (the window's root). */
    public static void install(Node node, TimelineViewModel timeline) {
        node.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() instanceof TextInputControl || e.isAltDown()) {
                return;
            }
            KeyCode code = e.getCode();
            boolean plain = !e.isShortcutDown() && !e.isShiftDown();
            if ((plain && code == KeyCode.N) || (e.isShortcutDown() && code == KeyCode.RIGHT)) {
                timeline.nextLocated();
            } else if ((plain && code == KeyCode.P) || (e.isShortcutDown() && code == KeyCode.LEFT)) {
                timeline.previousLocated();
            } else {
                return;
            }
            e.consume();
        });
    }
}
