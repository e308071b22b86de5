package org.omnisila.app.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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
            String detail = dir + ": writable, " + mb(CacheFolders.bytes(dir)) + " used, " + mb(free)
                    + " free on its disk";
            if (free < LOW_SPACE) {
                return Finding.note(area, detail, "Less than 1 GB free: free disk space, or clear the scene cache "
                        + "and kept results: omnisila cache --clear scenes,results");
            }
            return Finding.ok(area, detail);
        } catch (IOException | RuntimeException e) {
            return Finding.problem(area, dir + " cannot be written: " + e.getMessage(),
                    "Make the folder writable for your user, or choose another with -Domnisila.cache.dir / "
                            + "-Domnisila.config.dir (OMNISILA_CACHE_DIR for ./omnisila).");
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
