package org.omnisila.annotator;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The annotator is logic without UI (architecture: {@code app -> annotator -> engine}; the annotator never imports
 * JavaFX): JavaFX is not even on its class path, so no annotator class could use it and this module stays usable
 * headless, from the command line and in tests.
 */
class AnnotatorHasNoUiTest {

    @Test
    void javaFxIsNotOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("javafx.application.Platform"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("javafx.scene.Node"));
    }
}
