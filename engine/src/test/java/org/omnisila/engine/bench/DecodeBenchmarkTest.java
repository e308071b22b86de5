package org.omnisila.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void printsOneRowPerStep() throws Exception {
        String table = DecodeBenchmark.run(new DecodeBenchmark.Settings(64, 36, 25, 4, 1, 5), dir).format();
        assertTrue(table.contains("decode every frame to RGB"), table);
        assertTrue(table.contains("sample 2 segments x 8 frames (one pass)"), table);
        assertTrue(table.contains("5 frame-accurate seeks to random times"), table);
        assertEquals(9, table.lines().count(), table); // title, header, 3 steps, 4 notes
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> new DecodeBenchmark.Settings(640, 360, 30, 200, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DecodeBenchmark.Settings(640, 360, 30, 20, 0, 1));
    }
}
