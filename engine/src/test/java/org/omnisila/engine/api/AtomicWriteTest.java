package org.omnisila.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {

    @TempDir
    Path dir;

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("result.json");
        Files.writeString(file, "old content that is longer than nothing");
        ResultJson.write(Examples.full(), file);
        assertEquals(ResultJson.toJson(Examples.full()), Files.readString(file));
        assertEquals(List.of(file), list(dir));
    }

    @Test
    void createsANewFileInAnEmptyDirectory() throws IOException {
        Path file = dir.resolve("sub").resolve("analysis.json");
        Files.createDirectory(file.getParent());
        ResultJson.write(Examples.full(), file);
        assertEquals(Examples.full(), ResultJson.read(file));
        assertEquals(List.of(file), list(file.getParent()));
    }

    @Test
    void failedWriteLeavesTheTargetAndNoTemporaryFile() throws IOException {
        // A non-empty directory cannot be replaced by a file: the final rename fails.
        Path target = dir.resolve("result.json");
        Files.createDirectory(target);
        Path inside = Files.writeString(target.resolve("keep.txt"), "kept");
        assertThrows(IOException.class, () -> ResultJson.write(Examples.full(), target));
        assertEquals(List.of(target), list(dir));
        assertEquals("kept", Files.readString(inside));
    }

    @Test
    void missingDirectoryFailsWithoutCreatingAnything() {
        Path file = dir.resolve("absent").resolve("result.json");
        assertThrows(IOException.class, () -> ResultJson.write(Examples.full(), file));
        assertTrue(Files.notExists(file.getParent()));
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}
