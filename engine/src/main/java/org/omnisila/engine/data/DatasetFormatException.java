package org.omnisila.engine.data;

/** A scene-feature data set that cannot be read; the message names the file and what is wrong. */
public final class DatasetFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatasetFormatException(String message) {
        super(message);
    }
}
