package org.omnisila.engine.tfjs;

/**
 * A TF.js graph model cannot be read or run: a malformed {@code model.json}, a weight shard of the wrong
 * size, an op this executor does not implement, an input of the wrong shape.
 *
 * <p>The message names the model file, the node and the op where there is one, so that callers can print
 * {@link #getMessage()} instead of a stack trace.
 */
public final class TfjsModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the file, node and op involved */
    public TfjsModelException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the file, node and op involved
     * @param cause the underlying failure
     */
    public TfjsModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
