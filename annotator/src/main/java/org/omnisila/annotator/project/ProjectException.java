package org.omnisila.annotator.project;

/**
 * An annotation project could not be created, opened or changed. The message is meant for the annotator: it
 * names the project file and says what to do (close the other window, choose another name, free disk space).
 */
public final class ProjectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the file, in words an annotator can act on */
    public ProjectException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the file
     * @param cause   the underlying exception, kept for the log
     */
    public ProjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
