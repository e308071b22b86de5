package org.omnisila.engine.models;

import org.omnisila.engine.models.ModelManifest.FileEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Puts a model's files on disk, verified, and says where they are.
 *
 * <p>Native runtimes (ONNX Runtime, the Rust tokenizer) read files, not classpath resources, so each
 * file a {@link ModelManifest} lists is copied once from its classpath resource
 * ({@link ModelManifest#resource}: the root of a registry jar bundled with the build, or a folder of
 * module {@code omnisila-models} for files unpacked from an npm package at build time) to
 *
 * <pre>{@code <cache root>/models/<model name>/<first 16 hex digits of the file's sha256>/<file name>}</pre>
 *
 * <p>The cache root is {@code -Domnisila.cache.dir} (the launcher and the tests set it) or else
 * {@code ~/.cache/omnisila}. A copy's sha256 is checked the first time this JVM uses it; a copy
 * that does not match is replaced. {@link Sha256#of} remembers the hash while the file's size,
 * modification time and file key stay the same, so a file changed afterwards is hashed again.
 *
 * <p>With an override directory the files are taken from there instead, named as in the manifest,
 * verified the same way and never copied: this lets a user point at a folder holding the files.
 *
 * <p>Thread-safe: materialisation is serialised within the JVM, and a copy is written to a temporary
 * file and moved into place, so another process sees either no file or a whole one.
 */
public final class ModelFiles {

    /** System property naming the cache root. */
    public static final String CACHE_DIR_PROPERTY = "omnisila.cache.dir";

    private static final Logger LOG = LoggerFactory.getLogger(ModelFiles.class);
    private static final int HASH_PREFIX = 16;
    private static final Object LOCK = new Object();


    private final Path cacheRoot;
    private final Path overrideDir;

    /** Files from the classpath, cached under {@link #defaultCacheRoot()}. */
    public ModelFiles() {
        this(defaultCacheRoot(), null);
    }

    /**
     * Files from the classpath, cached under the given root.
     *
     * @param cacheRoot the cache root; {@code models/} is created under it
     */
    public ModelFiles(Path cacheRoot) {
        this(cacheRoot, null);
    }

    /**
     * @param cacheRoot the cache root; {@code models/} is created under it
     * @param overrideDir a directory holding the model files under their manifest names, used instead
     *     of the classpath and the cache; {@code null} for none
     */
    public ModelFiles(Path cacheRoot, Path overrideDir) {
        this.cacheRoot = Objects.requireNonNull(cacheRoot, "cacheRoot").toAbsolutePath();
        this.overrideDir = overrideDir == null ? null : overrideDir.toAbsolutePath();
    }

    /**
     * @return {@code -Domnisila.cache.dir} (a leading {@code ~/} expanded) or {@code ~/.cache/omnisila}
     */
    public static Path defaultCacheRoot() {
        String home = System.getProperty("user.home");
        String configured = System.getProperty(CACHE_DIR_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return Path.of(home, ".cache", "omnisila");
        }
        if (configured.equals("~") || configured.startsWith("~/")) {
            return Path.of(home, configured.substring(1).replaceFirst("^/", ""));
        }
        return Path.of(configured);
    }

    /** @return the cache root in use (absolute) */
    public Path cacheRoot() {
        return cacheRoot;
    }

    /**
     * Makes every file of a model available on disk and verifies it.
     *
     * @param manifest the model
     * @return role to absolute path, in manifest order
     * @throws ModelFileException when a file is missing, does not match its sha256, or cannot be written
     */
    public Map<String, Path> materialise(ModelManifest manifest) {
        Map<String, Path> byRole = new LinkedHashMap<>();
        for (FileEntry file : manifest.files()) {
            byRole.put(file.role(), materialise(manifest, file));
        }
        return Collections.unmodifiableMap(byRole);
    }

    /**
     * Makes one file of a model available on disk and verifies it.
     *
     * @param manifest the model
     * @param role the file's role, e.g. {@code model}
     * @return the file's absolute path
     * @throws ModelFileException when the file is missing, does not match its sha256, or cannot be written
     * @throws IllegalArgumentException when the manifest has no such role
     */
    public Path path(ModelManifest manifest, String role) {
        return materialise(manifest, manifest.file(role));
    }

    /**
     * Makes every file of a model available, verified, in one folder: for models read as a folder (the
     * embedded ICM checkpoint). The cached folder is {@code <cache root>/models/<name>/<first 16 hex digits of
     * the sha256 over the files' hashes>/}; with an override directory, that directory.
     *
     * @return the folder
     * @throws ModelFileException when a file is missing, does not match its sha256, or cannot be written
     */
    public Path folder(ModelManifest manifest) {
        synchronized (LOCK) {
            if (overrideDir != null) {
                manifest.files().forEach(this::fromOverride);
                return overrideDir;
            }
            MessageDigest all = Sha256.newDigest();
            manifest.files().forEach(f -> all.update(f.sha256().getBytes(StandardCharsets.US_ASCII)));
            Path dir = cacheRoot.resolve("models").resolve(manifest.name())
                    .resolve(Sha256.hex(all).substring(0, HASH_PREFIX));
            manifest.files().forEach(f -> fromCache(manifest, f, dir));
            return dir;
        }
    }

    private Path materialise(ModelManifest manifest, FileEntry file) {
        synchronized (LOCK) {
            return overrideDir != null ? fromOverride(file) : fromCache(manifest, file,
                    cacheRoot.resolve("models").resolve(manifest.name()).resolve(file.sha256().substring(0, HASH_PREFIX)));
        }
    }

    private Path fromOverride(FileEntry file) {
        Path path = overrideDir.resolve(file.path());
        if (!Files.isRegularFile(path)) {
            throw new ModelFileException("Model file " + file.path() + " is not in the model directory "
                    + overrideDir + "; expected a file with sha256 " + file.sha256());
        }
        String actual = hashOf(path, file);
        if (!actual.equals(file.sha256())) {
            throw new ModelFileException("Model file " + path + " does not match its manifest: expected sha256 "
                    + file.sha256() + ", actual sha256 " + actual + "; replace the file");
        }
        return path;
    }

    private Path fromCache(ModelManifest manifest, FileEntry file, Path dir) {
        Path target = dir.resolve(file.path());
        if (Files.isRegularFile(target)) {
            String actual = hashOf(target, file);
            if (actual.equals(file.sha256())) {
                return target;
            }
            LOG.warn("Cached model file {} has sha256 {}, expected {}: copying it again", target, actual,
                    file.sha256());
        }
        copyFromClasspath(manifest, file, dir, target);
        String actual = hashOf(target, file);
        if (!actual.equals(file.sha256())) {
            deleteQuietly(target);
            throw new ModelFileException("Model file " + manifest.resource(file) + " (from " + manifest.source()
                    + ") in the installation does not match its manifest: expected sha256 " + file.sha256()
                    + ", actual sha256 " + actual + "; reinstall or rebuild");
        }
        return target;
    }

    private void copyFromClasspath(ModelManifest manifest, FileEntry file, Path dir, Path target) {
        ClassLoader loader = ModelFiles.class.getClassLoader();
        String resource = manifest.resource(file);
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelFileException("Model file " + resource + " (from " + manifest.source()
                        + ") is missing from the installation; expected sha256 " + file.sha256()
                        + "; reinstall or rebuild");
            }
            createDirectory(dir);
            checkFreeSpace(dir, file);
            LOG.info("Copying model file {} ({} bytes) into {}", file.path(), file.bytes(), dir);
            Path part = Files.createTempFile(dir, file.path(), ".part");
            try {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                moveIntoPlace(part, target);
            } finally {
                deleteQuietly(part);
            }
        } catch (IOException e) {
            throw new ModelFileException("Cannot write model file " + file.path() + " (" + file.bytes()
                    + " bytes) into directory " + dir + ": " + e + "; free disk space or set -D"
                    + CACHE_DIR_PROPERTY + " to a writable directory", e);
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ModelFileException("Cannot create model cache directory " + dir + ": " + e
                    + "; set -D" + CACHE_DIR_PROPERTY + " to a writable directory", e);
        }
    }

    private static void checkFreeSpace(Path dir, FileEntry file) throws IOException {
        long usable = Files.getFileStore(dir).getUsableSpace();
        if (usable < file.bytes()) {
            throw new ModelFileException("Not enough disk space in directory " + dir + " for model file "
                    + file.path() + ": " + file.bytes() + " bytes needed, " + usable
                    + " available; free disk space or set -D" + CACHE_DIR_PROPERTY + " elsewhere");
        }
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The file's sha256 ({@link Sha256#of} remembers it while the file is unchanged). */
    private static String hashOf(Path path, FileEntry file) {
        try {
            return Sha256.of(path);
        } catch (IOException e) {
            throw new ModelFileException("Cannot read model file " + path + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", path, e.toString());
        }
    }
}
