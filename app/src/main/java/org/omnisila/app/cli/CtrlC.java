package org.omnisila.app.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C as a cancellation flag for long work: while open, an interrupt sets {@link #requested()} so the work
 * can stop at a safe point (after the current video or segment) instead of dying mid-write.
 *
 * <p>The JVM halts as soon as its shutdown hooks return, so the hook does not return at once: it waits (at most
 * {@link #GRACE_SECONDS}) until the command has reached its safe point, cleaned up and closed this.
 */
public final class CtrlC implements AutoCloseable {
    /** The longest the hook holds the JVM open for the work to stop. */
    static final long GRACE_SECONDS = 30;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stopAndWait, "omnisila-ctrl-c");

    /** Starts listening for Ctrl-C. */
    public CtrlC() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Whether Ctrl-C was pressed: stop at the next safe point. */
    public boolean requested() {
        return requested.get();
    }

    /** The shutdown hook (a test runs it by hand). */
    Thread hook() {
        return hook;
    }

    private void stopAndWait() {
        requested.set(true);
        try {
            closed.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The work has stopped: lets the JVM exit, and stops listening. */
    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting (Ctrl-C): nothing to remove
        }
    }
}
