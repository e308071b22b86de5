package org.omnisila.engine.api;

/**
 * A result file could not be read: it is missing, empty, not JSON, of a newer schema version, or
 * a value in it breaks the format. The message is meant for the person who opened the file and
 * reads like {@code result.json, line 12, column 7, field segments[3].end: end 1.0 is before start 2.0};
 * the parts are also available one by one.
 */
public final class ResultFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String field;
    private final String problem;

    /**
     * @param file    the file or source name, as given to the reader
     * @param line    1-based line of the problem, or -1 when it is not tied to a position
     * @param column  1-based column of the problem, or -1 when not known
     * @param field   path of the offending field, e.g. {@code segments[3].routing.face}; empty when
     *                the problem concerns the whole file
     * @param problem what is wrong, in words
     * @param cause   the underlying exception, or null
     */
    public ResultFormatException(String file, int line, int column, String field, String problem,
                                 Throwable cause) {
        super(format(file, line, column, field, problem), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.field = field == null ? "" : field;
        this.problem = problem;
    }

    /** The file or source name, as given to the reader. */
    public String file() {
        return file;
    }

    /** 1-based line of the problem, or -1 when the problem is not tied to a position. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem, or -1 when not known. */
    public int column() {
        return column;
    }

    /** Path of the offending field, e.g. {@code segments[3].routing.face}; empty for the whole file. */
    public String field() {
        return field;
    }

    /** What is wrong, in words, without the location. */
    public String problem() {
        return problem;
    }

    private static String format(String file, int line, int column, String field, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(", line ").append(line);
            if (column > 0) {
                sb.append(", column ").append(column);
            }
        }
        if (field != null && !field.isEmpty()) {
            sb.append(", field ").append(field);
        }
        return sb.append(": ").append(problem).toString();
    }
}
