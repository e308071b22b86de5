package org.omnisila.engine.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every manifest that module {@code omnisila-models} bundles names files that are in the build, with the
 * sha256 and size the manifest says (hashed here independently of {@link ModelFiles}).
 */
class BundledModelsTest {

    /** The models of models/README.md, as {@link ModelManifest#BUNDLED} lists them for {@code omnisila doctor}. */
    private static final List<String> EXPECTED = new ArrayList<>(new TreeSet<>(ModelManifest.BUNDLED));

    @TempDir
    Path temp;

    @Test
    void everyBundledManifestsFilesArePresentWithTheirSha256() throws Exception {
        List<String> names = bundledManifestNames();
        assertEquals(EXPECTED, names);
        ModelFiles files = new ModelFiles(temp);
        for (String name : names) {
            ModelManifest manifest = ModelManifest.load(name);
            Map<String, Path> paths = files.materialise(manifest);
            for (ModelManifest.FileEntry entry : manifest.files()) {
                Path path = paths.get(entry.role());
                assertEquals(entry.bytes(), Files.size(path), name + " " + entry.path());
                assertEquals(entry.sha256(), sha256(path), name + " " + entry.path());
            }
        }
    }

    @Test
    void npmModelsCarryTheirLicenceTexts() throws IOException {
        for (String licence : List.of("META-INF/licences/Apache-2.0-mediapipe.txt",
                "META-INF/licences/MIT-vladmandic-human.txt")) {
            try (var in = getClass().getClassLoader().getResourceAsStream(licence)) {
                assertTrue(in != null, licence + " is in the models jar");
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(text.contains("Apache License") || text.contains("Copyright (c) Vladimir Mandic"), licence);
            }
        }
    }

    /** Names of the manifests in {@code org/omnisila/models/} of every classpath entry, test fixtures excepted. */
    static List<String> bundledManifestNames() throws IOException, URISyntaxException {
        TreeSet<String> names = new TreeSet<>();
        for (URL url : Collections.list(BundledModelsTest.class.getClassLoader()
                .getResources(ModelManifest.RESOURCE_DIR))) {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    names.addAll(jsonNames(jar.getPath(ModelManifest.RESOURCE_DIR)));
                }
            } else {
                names.addAll(jsonNames(Path.of(uri)));
            }
        }
        names.removeIf(n -> n.startsWith("test-"));
        return new ArrayList<>(names);
    }

    private static List<String> jsonNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).toList();
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(Files.readAllBytes(file));
        return HexFormat.of().formatHex(digest.digest());
    }
}
