package org.omnisila.annotator.generate;

/**
 * Asking the vision model failed. The message is one line for the user: the endpoint, what went wrong, what to do;
 * it never holds the API key. A <em>fatal</em> failure (key refused, wrong URL or model, no server) would fail every
 * other segment alike, so generation stops; any other failure concerns one segment, which is reported and skipped.
 */
public final class VlmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean fatal;

    /**
     * @param message what went wrong, for the user
     * @param fatal   whether the next request would fail the same way
     * @param cause   the underlying exception, or null
     */
    public VlmException(String message, boolean fatal, Throwable cause) {
        super(message, cause);
        this.fatal = fatal;
    }

    /** Whether generation should stop rather than go on with the next segment. */
    public boolean fatal() {
        return fatal;
    }
}
