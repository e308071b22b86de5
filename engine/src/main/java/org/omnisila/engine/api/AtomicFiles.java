package org.omnisila.engine.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes a file so that readers see either the old content or the complete new content, never a
 * partial file, even if the process or the machine dies half way: the bytes go to a temporary file
 * in the same directory, are forced to disk, and the temporary file is renamed over the target in
 * one atomic step.
 */
public final class AtomicFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /**
     * Replaces (or creates) {@code target} with {@code bytes} atomically.
     *
     * @throws java.nio.file.AtomicMoveNotSupportedException if the file system cannot rename
     *         atomically (the target is then left untouched)
     * @throws IOException if writing fails; the target is left untouched and the temporary file is
     *         removed
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        // Same directory, so the rename never crosses file systems; hidden, so a listing ignores it.
        // Created with the default permissions (createTempFile would make it owner-only).
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        Path temporary = directory.resolve("." + absolute.getFileName() + "." + HexFormat.of().formatHex(suffix)
                + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            forceDirectory(directory);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * Makes the rename itself durable on POSIX systems by syncing the directory entry. Windows cannot
     * open a directory as a channel; there the rename is still atomic, only its durability after a
     * power cut is up to the file system, so the failure is deliberately ignored.
     */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            // See the Javadoc: best effort by design.
        }
    }
}
