package org.omnisila.engine.analysis;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.Sha256;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.video.SegmentPlan;

/**
 * Scene features per video on disk, so a second analysis or a training run over the same file does not decode
 * and extract again. An entry is keyed by the video file's SHA-256, the segment plan and every extractor's
 * {@link SceneExtractor#version()}: another file, plan or extractor misses.
 *
 * <p>Entries are written to a temporary file and moved into place, so a killed process or a full disk leaves
 * no half entry under a final name; a damaged entry is reported through the notice callback, deleted and
 * recomputed. Failing to write is never an analysis failure: it is reported and the analysis goes on. When the
 * folder grows past its size limit, the entries used least recently are deleted.
 */
public final class SceneCache {
    /** The default size limit, bytes. */
    public static final long DEFAULT_LIMIT = 2L << 30;
    private static final String SUFFIX = ".scenes";

    private final Path dir;
    private final long limitBytes;
    private final Consumer<String> notices;

    /**
     * @param dir        the cache folder (created on first store)
     * @param limitBytes total size above which the least recently used entries are deleted
     * @param notices    receives one readable line per problem (damaged entry, failed write)
     */
    public SceneCache(Path dir, long limitBytes, Consumer<String> notices) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("cache size limit must be > 0, got " + limitBytes);
        }
        this.dir = dir;
        this.limitBytes = limitBytes;
        this.notices = notices;
    }

    /** The cache under the product's cache root ({@code <cache root>/scenes}, see {@link ModelFiles}). */
    public static SceneCache standard(Consumer<String> notices) {
        return new SceneCache(ModelFiles.defaultCacheRoot().resolve("scenes"), DEFAULT_LIMIT, notices);
    }

    /** The cache folder. */
    public Path dir() {
        return dir;
    }

    /** The key of a video's features: its hash, the plan and the extractors that produce them. */
    public static String key(String videoSha256, SegmentPlan plan, List<SceneExtractor> extractors) {
        StringBuilder what = new StringBuilder("format ").append(SceneCacheFile.FORMAT)
                .append("\nvideo ").append(videoSha256)
                .append("\nplan ").append(plan.segmentLength()).append(" s x ").append(plan.framesPerSegment());
        for (SceneExtractor e : extractors) {
            what.append("\n").append(e.scene()).append(' ').append(e.width()).append(' ').append(e.version());
        }
        MessageDigest sha = Sha256.newDigest();
        sha.update(what.toString().getBytes(StandardCharsets.UTF_8));
        return Sha256.hex(sha);
    }

    /** The stored features for {@code key}, or empty when there are none (or they were damaged). */
    public Optional<CollectedVideo> load(String key) {
        Path file = file(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            notices.accept("scene cache: cannot read " + file + " (" + e.getMessage() + "); extracting again");
            return Optional.empty();
        }
        try {
            CollectedVideo video = SceneCacheFile.read(bytes, key);
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis())); // least recently used
            return Optional.of(video);
        } catch (IOException | RuntimeException e) {
            notices.accept("scene cache: entry " + file.getFileName() + " is unusable (" + e.getMessage()
                    + "); extracting again");
            deleteQuietly(file);
            return Optional.empty();
        }
    }

    /** Stores the features under {@code key}; a failure is reported to the notices, not thrown. */
    public void store(String key, CollectedVideo video) {
        Path file = file(key);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".entry", ".tmp");
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                SceneCacheFile.write(video, key, out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            evict(file);
        } catch (IOException e) {
            notices.accept("scene cache: could not save the scene features to " + dir + " (" + e.getMessage()
                    + "); the analysis is not affected, the next one extracts again");
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    /** Deletes the least recently used entries until the folder is within its limit, never {@code keep}. */
    private void evict(Path keep) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).forEach(entries::add);
        }
        long total = 0;
        for (Path p : entries) {
            total += sizeOf(p);
        }
        entries.sort(Comparator.comparing(SceneCache::lastUsed));
        for (Path p : entries) {
            if (total <= limitBytes) {
                break;
            }
            if (!p.equals(keep)) {
                total -= sizeOf(p);
                deleteQuietly(p);
            }
        }
    }

    private Path file(String key) {
        return dir.resolve(key + SUFFIX);
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static FileTime lastUsed(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a stale file is harmless: the key or the digest rejects it
        }
    }
}
