package org.omnisila.engine.video;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * Decoding stopped because the caller asked it to (its cancellation flag was set). Nothing is wrong with the
 * file; the message says how far decoding had come, e.g. {@code a.mp4: cancelled at 12.4 s of 60.0 s}.
 */
public final class VideoCancelledException extends CancellationException {

    private static final long serialVersionUID = 1L;

    private final double reachedSeconds;

    /**
     * @param file           the file being decoded
     * @param reachedSeconds time of the last decoded frame, seconds
     * @param duration       length of the video, seconds; 0 when the file was not opened yet
     */
    public VideoCancelledException(Path file, double reachedSeconds, double duration) {
        super(duration > 0 ? String.format(Locale.ROOT, "%s: cancelled at %.1f s of %.1f s", file, reachedSeconds,
                duration) : file + ": cancelled before decoding started");
        this.reachedSeconds = reachedSeconds;
    }

    /** Time of the last frame decoded before the cancellation, seconds. */
    public double reachedSeconds() {
        return reachedSeconds;
    }
}
