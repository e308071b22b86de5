package org.omnisila.app.workbench.log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The workbench's log file: everything written to standard error (slf4j-simple's log lines, which it looks
 * System.err up for at each line, and JavaFX's own warnings) also goes to {@code workbench.log} in a folder,
 * so that a user without a terminal can find the details of an error. Each launch starts a new file and keeps the
 * last launch's as {@code workbench.previous.log}.
 */
public final class WorkbenchLog {
    /** The file's name in its folder. */
    public static final String FILE = "workbench.log";
    /** The previous launch's file. */
    public static final String PREVIOUS = "workbench.previous.log";

    private static volatile Path current;
    private static PrintStream terminal;
    private static OutputStream fileOut;

    private WorkbenchLog() {
    }

    /**
     * Starts writing standard error to {@code dir/workbench.log} too. When the folder cannot be written (read-only,
     * disk full) the log stays on standard error alone and the reason is written there.
     *
     * @return the log file, or null when it could not be opened
     */
    public static synchronized Path start(Path dir) {
        if (current != null) {
            return current;
        }
        PrintStream err = System.err;
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE);
            if (Files.exists(file)) {
                Files.move(file, dir.resolve(PREVIOUS), StandardCopyOption.REPLACE_EXISTING);
            }
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.setErr(new PrintStream(new Tee(err, out), true, StandardCharsets.UTF_8));
            terminal = err;
            fileOut = out;
            current = file;
            return file;
        } catch (IOException | RuntimeException e) {
            err.println("omnisila: cannot write the log file in " + dir + " (" + e.getMessage()
                    + "); the log goes to this terminal only");
            return null;
        }
    }

    /** Standard error goes to the terminal alone again and the file is closed (the window closed). */
    public static synchronized void stop() {
        if (current == null) {
            return;
        }
        System.setErr(terminal);
        try {
            fileOut.close();
        } catch (IOException e) {
            terminal.println("omnisila: closing the log file: " + e.getMessage());
        }
        current = null;
    }

    /** @return the log file, or null when the log goes to standard error alone */
    public static Path file() {
        return current;
    }

    /** @return where the details of an error are, in words: the log file, or the terminal */
    public static String where() {
        Path f = current;
        return f != null ? f.toString() : "standard error of the terminal that started ./omnisila";
    }

    /** Writes to the terminal and the file; a failing file (disk full) never stops the terminal's copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream terminal;
        private final OutputStream file;
        private boolean fileBroken;

        Tee(OutputStream terminal, OutputStream file) {
            this.terminal = terminal;
            this.file = file;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            terminal.write(b, off, len);
            if (!fileBroken) {
                try {
                    file.write(b, off, len);
                } catch (IOException e) {
                    fileBroken = true;
                    terminal.write(("omnisila: the log file could not be written further (" + e.getMessage()
                            + ")\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            terminal.flush();
            if (!fileBroken) {
                try {
                    file.flush();
                } catch (IOException e) {
                    fileBroken = true;
                }
            }
        }
    }
}
