package org.omnisila.app.cli.annotate;

import java.io.PrintWriter;

/**
 * Progress on one console line, rewritten in place at most five times a second; {@link #done()} clears it so that
 * the next message starts on a clean line.
 */
final class ConsoleLine {

    private static final long EVERY_NS = 200_000_000L;

    private final PrintWriter err;
    private long last;
    private int width;

    ConsoleLine(PrintWriter err) {
        this.err = err;
    }

    /** Shows a text; a final one ({@code force}) is shown even right after another. */
    void show(String text, boolean force) {
        long now = System.nanoTime();
        if (!force && now - last < EVERY_NS) {
            return;
        }
        last = now;
        err.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
        width = text.length();
        err.flush();
    }

    /** Clears the line. */
    void done() {
        if (width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }
}
