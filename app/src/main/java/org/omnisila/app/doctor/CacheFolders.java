package org.omnisila.app.doctor;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the product keeps under its cache root, folder by folder, and how to clean it. Everything there can be
 * deleted: it is made again when needed (natives and models are copied out of the installation, scenes and
 * results are computed again). The natives and models must not be deleted while a window or command runs.
 */
public final class CacheFolders {
    /** A folder under the cache root. */
    public enum Kind {
        SCENES("scenes", "scene features of analysed videos (the scene cache)", true),
        RESULTS("results", "the workbench's kept results, one per video and model", true),
        LOGS("logs", "the workbench's log files", true),
        MODELS("models", "model files copied out of the installation", false),
        NATIVES("javacpp", "FFmpeg and OpenCV natives unpacked by JavaCPP", false),
        ENGINES("djl-engines", "PyTorch natives unpacked by DJL", false);

        private final String folder;
        private final String what;
        private final boolean safeWhileRunning;

        Kind(String folder, String what, boolean safeWhileRunning) {
            this.folder = folder;
            this.what = what;
            this.safeWhileRunning = safeWhileRunning;
        }

        /** @return the folder's name under the cache root */
        public String folder() {
            return folder;
        }

        /** @return what it holds, in words */
        public String what() {
            return what;
        }

        /** @return whether it may be deleted while the product runs (nothing in it is held open) */
        public boolean safeWhileRunning() {
            return safeWhileRunning;
        }

        /** @return the kind named by its folder name, case-insensitive */
        public static Kind named(String name) {
            for (Kind k : values()) {
                if (k.folder.equalsIgnoreCase(name) || k.name().equalsIgnoreCase(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("no cache folder called '" + name + "'; there are: "
                    + String.join(", ", Stream.of(values()).map(Kind::folder).toList()));
        }
    }

    /** A folder and the bytes in it. */
    public record Usage(Kind kind, Path dir, long bytes) {
        /** @return the size in MB, one decimal */
        public String megabytes() {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
    }

    private final Path root;

    /** @param root the cache root ({@code ModelFiles.defaultCacheRoot()} in the product) */
    public CacheFolders(Path root) {
        this.root = root;
    }

    /** @return every folder with its size (0 when it does not exist) */
    public List<Usage> usage() {
        return Stream.of(Kind.values()).map(this::usage).toList();
    }

    /** @return one folder with its size */
    public Usage usage(Kind kind) {
        Path dir = root.resolve(kind.folder());
        return new Usage(kind, dir, bytes(dir));
    }

    /**
     * Deletes a folder and everything in it.
     *
     * @return the bytes freed
     * @throws IOException naming the file that could not be deleted
     */
    public long clear(Kind kind) throws IOException {
        Path dir = root.resolve(kind.folder());
        if (!Files.exists(dir)) {
            return 0;
        }
        long[] freed = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                if (attrs.isRegularFile()) {
                    freed[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
        return freed[0];
    }

    /** @return bytes of the regular files under {@code dir}; 0 when it does not exist */
    static long bytes(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // deleted meanwhile
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
