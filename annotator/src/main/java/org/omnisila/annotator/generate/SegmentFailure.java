package org.omnisila.annotator.generate;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A segment that got no attribution, and why; it was skipped and the others went on.
 *
 * @param video   the video
 * @param start   segment start, seconds
 * @param end     segment end, seconds
 * @param problem what went wrong, one line
 */
public record SegmentFailure(Path video, double start, double end, String problem) {

    /** {@code clip.mp4, 4.00-6.00 s: problem}. */
    public String message() {
        return String.format(Locale.ROOT, "%s, %.2f-%.2f s: %s", video.getFileName(), start, end, problem);
    }
}
