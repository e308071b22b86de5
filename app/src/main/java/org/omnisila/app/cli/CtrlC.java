package org.omnisila.app.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C as a cancellation flag for long work: while open, an interrupt sets {@link #requested()} so the work
 * can stop at a safe point (after the current video) instead of dying mid-write.
 */
final class CtrlC implements AutoCloseable {
    private final AtomicBoolean requested = new AtomicBoolean();
    private final Thread hook = new Thread(() -> requested.set(true));

    CtrlC() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean requested() {
        return requested.get();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting (Ctrl-C): nothing to remove
        }
    }
}
