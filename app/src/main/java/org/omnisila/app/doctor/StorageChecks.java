package org.omnisila.app.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/** The folders the product writes: the cache (models, scenes, results, logs) and the settings. */
final class StorageChecks {
    /** Below this much free space the cache and exports are at risk. */
    static final long LOW_SPACE = 1L << 30;

    private StorageChecks() {
    }

    static Finding folder(String area, Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".doctor", ".tmp");
            Files.delete(probe);
            long free = Files.getFileStore(dir).getUsableSpace();
            String detail = dir + ": writable, " + mb(size(dir)) + " used, " + mb(free) + " free on its disk";
            if (free < LOW_SPACE) {
                return Finding.note(area, detail, "Less than 1 GB free: free disk space, or delete old entries "
                        + "(the scene cache and results can be deleted at any time).");
            }
            return Finding.ok(area, detail);
        } catch (IOException | RuntimeException e) {
            return Finding.problem(area, dir + " cannot be written: " + e.getMessage(),
                    "Make the folder writable for your user, or choose another with -Domnisila.cache.dir / "
                            + "-Domnisila.config.dir (OMNISILA_CACHE_DIR for ./omnisila).");
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
