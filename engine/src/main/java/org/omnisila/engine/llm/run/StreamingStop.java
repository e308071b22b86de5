package org.omnisila.engine.llm.run;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.omnisila.engine.llm.StopCondition;
import org.omnisila.engine.llm.text.LlmTokenizer;
import org.omnisila.engine.llm.text.StopStrings;

/**
 * The generator's per-token hook for one answer (batch of one): stops at the template's stop strings (as
 * {@link org.omnisila.engine.llm.text.TextStopCondition}), stops when the caller's cancel flag is set (at the next
 * token: the prefill itself is not interrupted), hands the text that is safe to show so far to a listener
 * ({@link StopStrings#safeLength}: never the beginning of a stop string) and records when the first and the last
 * token came, for the timing of {@link FullAnswer}.
 *
 * <p>{@link StopCondition} asks for no state between calls because the generator may test the same prefix twice;
 * the listener is only told the same text again then, and the times only move forward.
 */
final class StreamingStop implements StopCondition {
    private final LlmTokenizer tokenizer;
    private final StopStrings stops;
    private final Consumer<String> listener;
    private final BooleanSupplier cancel;
    private long firstNanos = -1;
    private long lastNanos = -1;
    private int count;
    private boolean cancelled;
    private String shown = "";

    /**
     * @param listener receives the answer so far (stripped at the front), after every token; may be null
     * @param cancel   polled after every token; true ends the answer
     */
    StreamingStop(LlmTokenizer tokenizer, StopStrings stops, Consumer<String> listener, BooleanSupplier cancel) {
        this.tokenizer = tokenizer;
        this.stops = stops;
        this.listener = listener;
        this.cancel = cancel;
    }

    @Override
    public boolean stopped(int sequence, long[] generated) {
        long now = System.nanoTime();
        if (firstNanos < 0) {
            firstNanos = now;
        }
        lastNanos = now;
        count = Math.max(count, generated.length);
        String text = tokenizer.decode(generated);
        boolean done = stops.stopped(text);
        if (listener != null) {
            String visible = done ? stops.answer(text) : held(text.substring(0, stops.safeLength(text)));
            if (!visible.equals(shown)) {
                shown = visible;
                listener.accept(visible);
            }
        }
        if (!done && cancel != null && cancel.getAsBoolean()) {
            cancelled = true;
            return true;
        }
        return done;
    }

    /**
     * Holds back a trailing U+FFFD: a character whose UTF-8 bytes are split over byte-fallback tokens decodes as
     * the replacement character until its last byte comes (transformers' {@code TextIteratorStreamer} waits the
     * same way).
     */
    static String held(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\uFFFD') {
            end--;
        }
        return text.substring(0, end).stripLeading();
    }

    boolean cancelled() {
        return cancelled;
    }

    /** @return nanoTime of the first token, or -1 when none came (a stop token first) */
    long firstNanos() {
        return firstNanos;
    }

    /** @return decode tokens per second after the first, NaN under two tokens */
    double tokensPerSecond() {
        if (count < 2 || lastNanos <= firstNanos) {
            return Double.NaN;
        }
        return (count - 1) / ((lastNanos - firstNanos) / 1e9);
    }
}
