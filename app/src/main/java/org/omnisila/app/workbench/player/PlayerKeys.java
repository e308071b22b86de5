package org.omnisila.app.workbench.player;

import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;

/**
 * The player's keyboard shortcuts, for every key pressed inside a node (the whole window), except while typing in
 * a text field:
 * <ul>
 *   <li>Space: play / pause</li>
 *   <li>Left / Right: one frame back / forward (pauses); with Shift: one second</li>
 *   <li>J: five seconds back (the decoder reads forward only, so there is no reverse playback); K: pause;
 *       L: play, and pressed again while playing, the next faster speed up to 4x</li>
 *   <li>M: sound off / on (there is sound only at 1x)</li>
 *   <li>F: full screen on / off (Esc also leaves it)</li>
 * </ul>
 */
final class PlayerKeys {
    /** How far J goes back, seconds. */
    static final double J_BACK = 5;

    private PlayerKeys() {
    }

    static void install(Node node, PlayerViewModel vm, Runnable toggleFullScreen) {
        node.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() instanceof TextInputControl || e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            switch (e.getCode()) {
                case SPACE -> vm.togglePlay();
                case LEFT -> move(vm, -1, e.isShiftDown());
                case RIGHT -> move(vm, 1, e.isShiftDown());
                case J -> vm.skip(-J_BACK);
                case K -> vm.pause();
                case L -> vm.faster();
                case M -> vm.toggleMute();
                case F -> toggleFullScreen.run();
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    /** One frame, or with Shift one second, in a direction (-1 or 1). */
    private static void move(PlayerViewModel vm, int direction, boolean bySecond) {
        if (bySecond) {
            vm.skip(direction);
        } else {
            vm.step(direction);
        }
    }
}
