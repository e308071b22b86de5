package org.omnisila.engine.icm.checkpoint;

/**
 * A checkpoint that cannot be written, read or loaded into a block. The message names the file or the
 * parameter and what differs, with both values, so that it can be shown to a user as it is.
 */
public final class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file, field or parameter */
    public CheckpointException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file, field or parameter
     * @param cause the underlying failure
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
