package org.omnisila.annotator.generate;

import java.util.Objects;

/**
 * An API key and where it was found. {@link #toString()} and every message name only the place
 * ({@link #source()}), never the value, so the key cannot end up in a log, an error message or the project.
 */
public final class ApiKey {

    private final String value;
    private final String source;

    /**
     * @param value  the key; not blank
     * @param source where it was found, for messages: {@code environment variable OMNISILA_VLM_API_KEY}
     */
    public ApiKey(String value, String source) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an API key must not be empty (found in " + source + ")");
        }
        this.value = value.strip();
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The key, for the Authorization header only. */
    String value() {
        return value;
    }

    /** Where it was found: {@code environment variable X} or {@code keyring entry ...}. */
    public String source() {
        return source;
    }

    /** A text with every occurrence of the key replaced by {@code ***} (for what a server sends back). */
    public String redact(String text) {
        return text == null ? null : text.replace(value, "***");
    }

    /** Names the source only. */
    @Override
    public String toString() {
        return "API key from " + source;
    }
}
