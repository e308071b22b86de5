package org.omnisila.app.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheFoldersTest {
    @TempDir
    Path root;

    @Test
    void sizesEachFolderAndClearsOnlyTheOnesAskedFor() throws Exception {
        Files.createDirectories(root.resolve("scenes/ab"));
        Files.write(root.resolve("scenes/ab/one.bin"), new byte[1000]);
        Files.write(root.resolve("scenes/two.bin"), new byte[500]);
        Files.createDirectories(root.resolve("results"));
        Files.write(root.resolve("results/r.json"), new byte[70]);
        CacheFolders folders = new CacheFolders(root);

        assertEquals(1500, folders.usage(CacheFolders.Kind.SCENES).bytes());
        assertEquals(70, folders.usage(CacheFolders.Kind.RESULTS).bytes());
        assertEquals(0, folders.usage(CacheFolders.Kind.MODELS).bytes(), "absent: 0");
        assertEquals(CacheFolders.Kind.values().length, folders.usage().size());

        assertEquals(1500, folders.clear(CacheFolders.Kind.SCENES));
        assertFalse(Files.exists(root.resolve("scenes")));
        assertTrue(Files.exists(root.resolve("results/r.json")), "the others stay");
        assertEquals(0, folders.clear(CacheFolders.Kind.SCENES), "clearing twice frees nothing");
    }

    @Test
    void foldersAreNamedByTheirFolderAndAnUnknownNameListsTheKnownOnes() {
        assertEquals(CacheFolders.Kind.ENGINES, CacheFolders.Kind.named("djl-engines"));
        assertEquals(CacheFolders.Kind.RESULTS, CacheFolders.Kind.named("RESULTS"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CacheFolders.Kind.named("nonsense"));
        assertTrue(e.getMessage().endsWith("there are: scenes, results, logs, models, javacpp, djl-engines"),
                e.getMessage());
    }
}
