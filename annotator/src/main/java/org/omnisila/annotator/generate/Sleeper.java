package org.omnisila.annotator.generate;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** Waits between retries, giving up as soon as the work is cancelled. Tests replace it to not wait. */
@FunctionalInterface
public interface Sleeper {

    /**
     * @throws CancellationException when {@code cancelled} turns true while waiting
     */
    void sleep(Duration duration, BooleanSupplier cancelled);

    /** Sleeps in slices of at most 100 ms, checking for cancel between them. */
    Sleeper REAL = (duration, cancelled) -> {
        long end = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled while waiting to retry");
            }
            try {
                Thread.sleep(Math.max(1, Math.min(100, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting to retry");
            }
        }
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled while waiting to retry");
        }
    };
}
