package org.omnisila.annotator.importer;

/**
 * A file could not be imported at all (missing, unreadable, not the expected format as a whole); nothing was
 * imported. Problems of single entries are not thrown but listed in the {@link ImportReport}. The message names the
 * file and, where there is one, the line.
 */
public final class ImportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
