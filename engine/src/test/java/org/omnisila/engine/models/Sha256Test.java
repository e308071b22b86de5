package org.omnisila.engine.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String ABD = "a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9";

    @Test
    void aChangedFileIsHashedAgainAnUnchangedOneIsRemembered(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("f");
        Files.writeString(f, "abc");
        FileTime t = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(f, t);
        assertEquals(ABC, Sha256.of(f), "FIPS 180-2 example");

        Files.writeString(f, "abd");
        Files.setLastModifiedTime(f, FileTime.fromMillis(1_700_000_001_000L));
        assertEquals(ABD, Sha256.of(f), "another modification time: read again");

        Files.writeString(f, "abc");
        Files.setLastModifiedTime(f, FileTime.fromMillis(1_700_000_001_000L));
        assertEquals(ABD, Sha256.of(f), "same size, time and inode: the remembered hash (the documented gap)");

        Files.writeString(f, "abcd");
        assertEquals("88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589", Sha256.of(f), "new size");
    }
}
