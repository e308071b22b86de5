package org.omnisila.app.workbench.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotatorNameTest {

    @Test
    void theNameIsRememberedInTheSettingsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("settings").resolve(AnnotatorName.FILE);
        AnnotatorName name = new AnnotatorName(file);
        assertEquals(Optional.empty(), name.get(), "not asked yet");
        name.set("  Ann Smith ");
        assertEquals(Optional.of("Ann Smith"), new AnnotatorName(file).get(), "read back by another window");
        assertEquals("Ann Smith\n", Files.readString(file));
    }

    @Test
    void aBlankOrMultiLineNameIsRefused(@TempDir Path dir) {
        AnnotatorName name = new AnnotatorName(dir.resolve(AnnotatorName.FILE));
        assertThrows(IllegalArgumentException.class, () -> name.set("  "));
        assertThrows(IllegalArgumentException.class, () -> name.set("Ann\nBob"));
        assertEquals(Optional.empty(), name.get());
    }

    @Test
    void anUnreadableFileCostsTheNameNotTheWindow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(AnnotatorName.FILE);
        Files.createDirectory(file); // a folder where the file should be
        AnnotatorName name = new AnnotatorName(file);
        assertEquals(Optional.empty(), name.get());
        name.set("Ann"); // logged, not thrown
        assertEquals(Optional.empty(), name.get());
    }
}
