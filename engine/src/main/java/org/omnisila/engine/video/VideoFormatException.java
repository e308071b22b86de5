package org.omnisila.engine.video;

import java.nio.file.Path;

/**
 * A video file cannot be read: it is missing, empty, not a video, has no video stream, uses a codec this
 * build cannot decode, or is damaged beyond use. The message is meant for the person who chose the file
 * and reads like {@code clips/a.mp4: the file is empty (0 bytes)}; the parts are also available one by one.
 */
public final class VideoFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;

    /**
     * @param file    the file, as the caller named it
     * @param problem what is wrong, in words, without the file name
     */
    public VideoFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    /**
     * @param file    the file, as the caller named it
     * @param problem what is wrong, in words, without the file name
     * @param cause   the underlying failure (FFmpeg's or the file system's), or null
     */
    public VideoFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file.toString();
        this.problem = problem;
    }

    /** The file, as the caller named it. */
    public String file() {
        return file;
    }

    /** What is wrong, in words, without the file name. */
    public String problem() {
        return problem;
    }
}
