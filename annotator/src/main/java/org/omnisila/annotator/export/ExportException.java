package org.omnisila.annotator.export;

/** An export that cannot be made: the message says what, where, and what to do. Nothing is left of the export. */
public final class ExportException extends RuntimeException {
    /** @param message the file or item, what failed, what to do */
    public ExportException(String message) {
        super(message);
    }

    /** @param message the file or item, what failed, what to do */
    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
