package org.omnisila.engine.video;

import java.util.Objects;

/**
 * A problem in a video that decoding went past: part of the video could not be analysed, the rest was.
 *
 * @param kind    what went wrong
 * @param start   start of the affected time range, seconds
 * @param end     end of the affected time range, seconds; &gt;= start
 * @param message the problem in words for the user, with the times (without the file name)
 */
public record VideoWarning(Kind kind, double start, double end, String message) {

    /** The kinds of problem. */
    public enum Kind {
        /** Frames were decoded with errors (FFmpeg concealed damage in them); they were not used. */
        DAMAGED_FRAMES,
        /** No frame could be decoded for a stretch much longer than the frame interval. */
        GAP,
        /** The video data ends well before the duration the file declares (a truncated file). */
        ENDS_EARLY,
        /**
         * Fewer frames decoded than the file lists. In formats whose timestamps count frames (AVI), frames after
         * the damage then carry times that are too early by up to the number lost.
         */
        FRAMES_LOST
    }

    /** Validates the fields. */
    public VideoWarning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (!(start >= 0) || !(end >= start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("warning range [" + start + ", " + end + "] must have 0 <= start <= end");
        }
    }
}
