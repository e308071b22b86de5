package org.omnisila.engine.api;

/**
 * Thrown by the constructors of the result records when a value breaks the result format's rules.
 *
 * <p>It is an {@link IllegalArgumentException} whose message names the offending field and value
 * (for example {@code end 1.0 is before start 2.0}); {@link #field()} gives the same field as a
 * path relative to the record being built ({@code end}, {@code routing.face},
 * {@code frameTimes[3]}), which lets {@link ResultJson} report the full path within a file
 * ({@code segments[3].end}).
 */
public final class ResultValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field   path of the offending field relative to the record being constructed,
     *                e.g. {@code end} or {@code routing.face}; never null
     * @param message what is wrong, naming the field and its value
     */
    public ResultValidationException(String field, String message) {
        super(message);
        this.field = field == null ? "" : field;
    }

    /** Path of the offending field relative to the record being constructed, e.g. {@code routing.face}. */
    public String field() {
        return field;
    }
}
