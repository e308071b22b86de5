package org.omnisila.engine.api;

/**
 * A problem in the video that the analysis went past (a damaged stretch, a gap without frames, a file that ends
 * early): that part of the video was not analysed, the rest was. Shown to the user with the result.
 *
 * @param kind    what went wrong: {@code DAMAGED_FRAMES}, {@code GAP}, {@code ENDS_EARLY} or {@code FRAMES_LOST}
 *                (docs/formats.md); not blank
 * @param start   start of the affected time range, seconds; finite, &gt;= 0
 * @param end     end of the range, seconds; finite, &gt;= start
 * @param message the problem in words, with the times; not blank
 */
public record AnalysisWarning(String kind, double start, double end, String message) {

    /** Validates the range and texts. */
    public AnalysisWarning {
        Checks.nonBlank("kind", kind);
        Checks.interval(start, end);
        Checks.nonBlank("message", message);
    }
}
