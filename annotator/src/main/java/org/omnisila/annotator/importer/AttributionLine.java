package org.omnisila.annotator.importer;

import java.util.regex.Pattern;
import org.omnisila.annotator.project.Aspects;
import org.omnisila.engine.api.ResultValidationException;
import org.omnisila.engine.api.Scene;

/**
 * One line of a machine-attribution file (docs/formats.md, "Machine attributions"): what a generator such as GPT-4V
 * said about one segment, or one frame, of a video from the four scene aspects (paper section 4.1), its summary and
 * the sentiment.
 *
 * @param video     the video's path, absolute or relative to the file's folder; not blank
 * @param sha256    SHA-256 of the video's bytes, 64 lower-case hex digits; optional (null), but lets the project
 *                  find the video again when it moves
 * @param start     segment start, seconds; with {@code end}, or else {@code frameTime}
 * @param end       segment end, seconds, &gt;= start
 * @param frameTime the one frame described, seconds; instead of start and end
 * @param aspects   the four aspects {@code face}, {@code action}, {@code object}, {@code background}; each a text,
 *                  empty when there was nothing to see
 * @param summary   the summarised attribution; optional
 * @param sentiment the sentiment label (explicit {@code positive/negative/neutral}, TSL-300's {@code p/n}, or an
 *                  implicit class such as {@code Fighting}); not blank
 * @param generator what wrote the line, with its version
 */
public record AttributionLine(String video, String sha256, Double start, Double end, Double frameTime,
                              Aspects aspects, String summary, String sentiment, Generator generator) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Validates every field; each failure names its field (as the import report shows it). */
    public AttributionLine {
        nonBlank("video", video);
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw invalid("sha256", "sha256 must be 64 lower-case hexadecimal digits, but was \"" + sha256 + "\"");
        }
        checkTimes(start, end, frameTime);
        if (aspects == null) {
            throw invalid("aspects", "aspects is required: an object with face, action, object and background");
        }
        for (Scene scene : Scene.values()) {
            if (aspects.get(scene) == null) {
                throw invalid("aspects." + scene.jsonName(), "aspects." + scene.jsonName()
                        + " is required (a text; empty when there was nothing to see)");
            }
        }
        nonBlank("sentiment", sentiment);
        if (generator == null) {
            throw invalid("generator", "generator is required: {\"name\": ..., \"version\": ...}");
        }
    }

    /** Segment start: {@code start}, or the frame time. */
    public double segmentStart() {
        return start != null ? start : frameTime;
    }

    /** Segment end: {@code end}, or the frame time. */
    public double segmentEnd() {
        return end != null ? end : frameTime;
    }

    private static void checkTimes(Double start, Double end, Double frameTime) {
        boolean span = start != null || end != null;
        if (span && frameTime != null) {
            throw invalid("frameTime", "give either start and end, or frameTime, not both");
        }
        if (!span) {
            if (frameTime == null) {
                throw invalid("start", "the segment is missing: give start and end (seconds), or frameTime");
            }
            time("frameTime", frameTime);
            return;
        }
        if (start == null || end == null) {
            throw invalid(start == null ? "start" : "end", "start and end go together; "
                    + (start == null ? "start" : "end") + " is missing");
        }
        time("start", start);
        time("end", end);
        if (end < start) {
            throw invalid("end", "end " + end + " is before start " + start);
        }
    }

    private static void time(String field, double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            throw invalid(field, field + " must be a time in seconds, 0 or more, but was " + seconds);
        }
    }

    static void nonBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(field, field + " is required and must not be blank");
        }
    }

    private static ResultValidationException invalid(String field, String message) {
        return new ResultValidationException(field, message);
    }
}
