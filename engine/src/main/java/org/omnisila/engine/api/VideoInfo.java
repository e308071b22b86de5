package org.omnisila.engine.api;

/**
 * The analysed video file.
 *
 * @param path     the file's path as given to the engine (absolute or relative to where the
 *                 analysis ran); not blank. Informational: the video is identified by sha256
 * @param sha256   SHA-256 of the file's bytes, 64 lowercase hexadecimal digits
 * @param duration length of the video, seconds; finite, &gt; 0
 * @param fps      frames per second as the container reports it (for a variable frame rate, the average where
 *                 the container counts its frames); finite, &gt; 0
 * @param width    frame width as shown (after the display rotation), pixels; &gt; 0
 * @param height   frame height as shown (after the display rotation), pixels; &gt; 0
 */
public record VideoInfo(String path, String sha256, double duration, double fps, int width, int height) {

    /** Validates every field. */
    public VideoInfo {
        Checks.nonBlank("path", path);
        Checks.required("sha256", sha256);
        Checks.sha256OrNull("sha256", sha256);
        Checks.positive("duration", duration);
        Checks.positive("fps", fps);
        Checks.positive("width", width);
        Checks.positive("height", height);
    }
}
