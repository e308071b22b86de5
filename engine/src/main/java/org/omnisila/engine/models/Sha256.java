package org.omnisila.engine.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * SHA-256 of a file as 64 lower-case hex digits. A file's hash is remembered in this JVM while its size,
 * modification time and file key stay the same, so a video hashed when the workbench looks up its stored result
 * is not read again when it is analysed, nor a model file each time it is verified. A file changed in place
 * with all three kept equal would not be hashed again: an accepted gap.
 */
public final class Sha256 {

    private static final int BUFFER = 1 << 16;
    /** Files remembered at most; past it the memory starts afresh. */
    private static final int REMEMBERED = 1024;
    private static final ConcurrentMap<Path, Known> KNOWN = new ConcurrentHashMap<>();

    /** A file's hash and what the file looked like when it was hashed. */
    private record Known(Stamp stamp, String hex) {
    }

    /** What a file looks like: size, modification time, file key (inode). */
    private record Stamp(long size, long modifiedNanos, Object fileKey) {
        static Stamp of(Path path) throws IOException {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return new Stamp(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.fileKey());
        }
    }

    private Sha256() {
    }

    /**
     * @param file a regular file
     * @return its SHA-256, 64 lower-case hex digits
     * @throws IOException when the file cannot be read
     */
    public static String of(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        Stamp before = Stamp.of(key);
        Known known = KNOWN.get(key);
        if (known != null && known.stamp().equals(before)) {
            return known.hex();
        }
        String hex = read(key);
        if (before.equals(Stamp.of(key))) { // not changed while it was read
            if (KNOWN.size() >= REMEMBERED) {
                KNOWN.clear();
            }
            KNOWN.put(key, new Known(before, hex));
        }
        return hex;
    }

    private static String read(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * @param text any text (UTF-8)
     * @return its SHA-256, 64 lower-case hex digits (a key derived from other keys, say)
     */
    public static String ofText(String text) {
        MessageDigest digest = newDigest();
        digest.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return hex(digest);
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest's Javadoc).
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** 64 lower-case hex digits of a finished digest. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
