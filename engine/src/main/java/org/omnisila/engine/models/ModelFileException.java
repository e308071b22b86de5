package org.omnisila.engine.models;

/**
 * A model file or manifest could not be found, read, written or verified.
 *
 * <p>The message is written for the person running the program: it names the file, where it was
 * expected to come from (registry package, directory) and what to do, so that callers can print
 * {@link #getMessage()} instead of a stack trace.
 */
public final class ModelFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and what to do about it
     */
    public ModelFileException(String message) {
        super(message);
    }

    /**
     * @param message what failed and what to do about it
     * @param cause the underlying I/O failure
     */
    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
