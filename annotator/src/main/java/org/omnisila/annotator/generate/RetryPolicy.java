package org.omnisila.annotator.generate;

import java.time.Duration;

/**
 * How often and how long a request the server could not take (HTTP 429 too many requests, 5xx) is tried again:
 * after {@code firstDelay}, then twice as long each time, or after the time the server's {@code Retry-After} asks
 * for, never longer than {@code maxDelay}, at most {@code attempts} requests in all.
 *
 * @param attempts   requests in all, the first one included; &gt;= 1
 * @param firstDelay the wait before the first retry; &gt;= 0
 * @param maxDelay   the longest wait, whatever the server asks; &gt;= firstDelay
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay) {

    /** Five requests, waiting 2, 4, 8, 16 s (or what the server asks, up to a minute). */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofSeconds(60));

    /** Validates the fields. */
    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1 but was " + attempts);
        }
        if (firstDelay == null || firstDelay.isNegative() || maxDelay == null || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= firstDelay <= maxDelay but got " + firstDelay + ", "
                    + maxDelay);
        }
    }

    /**
     * The wait before retry number {@code retry}.
     *
     * @param retry      1 for the first retry, ...
     * @param retryAfter what the server asked for, or null
     */
    public Duration delay(int retry, Duration retryAfter) {
        Duration wait;
        if (retryAfter != null && !retryAfter.isNegative()) {
            wait = retryAfter;
        } else {
            wait = firstDelay.multipliedBy(1L << Math.min(retry - 1, 30));
        }
        return wait.compareTo(maxDelay) > 0 ? maxDelay : wait;
    }
}
