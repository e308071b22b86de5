package org.omnisila.app.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C that stops one piece of work and not the program (the chat's answer): while open, SIGINT sets
 * {@link #requested()} instead of starting the JVM's shutdown; closing restores the handler that was there (so
 * Ctrl-C at the chat's prompt ends the program as usual). {@link CtrlC} cannot do this: once shutdown hooks run the
 * JVM exits. Uses {@code sun.misc.Signal} (module jdk.unsupported); where the signal cannot be handled (no INT on
 * this platform) the key is a flag that only {@link #press} sets.
 */
final class InterruptKey implements AutoCloseable {
    private final AtomicBoolean requested = new AtomicBoolean();
    private final SignalHandler previous;

    InterruptKey() {
        SignalHandler old;
        try {
            old = Signal.handle(new Signal("INT"), s -> requested.set(true));
        } catch (IllegalArgumentException unsupported) {
            old = null;
        }
        previous = old;
    }

    /** Whether Ctrl-C was pressed since this was opened. */
    boolean requested() {
        return requested.get();
    }

    /** Sets the flag as Ctrl-C does (tests). */
    void press() {
        requested.set(true);
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(new Signal("INT"), previous);
        }
    }
}
