package org.omnisila.annotator.project;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Holds a project for one window of one program: an exclusive lock on {@code PROJECT.lock} beside the project
 * file, with who holds it (annotator, host, process, since) written inside, so that a second open is refused with
 * a message naming the holder instead of two windows silently overwriting each other's edits.
 *
 * <p>The operating system releases the lock when the process ends, even when it is killed, so a crash never leaves
 * a project locked; the file itself stays (emptied on a normal close): deleting it would let a third program lock a
 * new file while a second still waits on the old one. The lock covers one byte far past the text, so that Windows,
 * whose locks are mandatory, still lets the refused program read who holds it. Locks on network file systems are
 * only as good as the server's support for them.
 */
final class ProjectLock implements AutoCloseable {

    /** A byte past any text the file will hold: the locked region. */
    private static final long REGION = 1L << 40;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private ProjectLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a project: {@code NAME.lock} in the same folder. */
    static Path lockFileOf(Path project) {
        return project.resolveSibling(project.getFileName() + ".lock");
    }

    /**
     * Takes the lock of a project, or refuses.
     *
     * @param project   the project file
     * @param annotator who opens it, written into the lock file
     * @param now       when, written into the lock file
     * @throws ProjectException when another window or program holds the project (the message names it), or the
     *                          lock file cannot be written
     */
    static ProjectLock acquire(Path project, String annotator, Instant now) {
        Path file = lockFileOf(project);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ProjectException(project + ": cannot create the lock file " + file + " (" + e.getMessage()
                    + "); is the folder writable?", e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock(REGION, 1, false);
            } catch (OverlappingFileLockException sameProgram) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new ProjectException(project + " is already open" + holder
                        + ". Close it there first; two windows on one project would overwrite each other's edits.");
            }
            ProjectLock held = new ProjectLock(file, channel, lock);
            held.write(describe(annotator, Workstation.current(), now));
            return held;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ProjectException(project + ": cannot lock " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private static String describe(String annotator, Workstation here, Instant now) {
        return "annotator=" + annotator + "\nhost=" + here.host() + "\npid=" + here.pid() + "\nsince=" + now + "\n";
    }

    /** Who holds the lock, as a phrase after "is already open", from the lock file's text. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        channel.read(buffer, 0);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (!fields.containsKey("annotator")) {
            return " in another window or program";
        }
        boolean here = Workstation.current().host().equals(fields.get("host"))
                && String.valueOf(ProcessHandle.current().pid()).equals(fields.get("pid"));
        return (here ? " in this program" : " in another window or program") + ", by annotator "
                + fields.get("annotator") + " on " + fields.get("host") + " (process " + fields.get("pid")
                + ") since " + fields.get("since");
    }

    private void write(String text) throws IOException {
        channel.truncate(0);
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        long position = 0;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
        channel.force(false);
    }

    /** Empties the lock file and releases the lock. */
    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            // The lock goes with the channel below; an un-emptied file only shows a stale name.
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing releases the lock; nothing more can be done if even that fails.
        }
    }

    @Override
    public String toString() {
        return "lock " + file;
    }
}
