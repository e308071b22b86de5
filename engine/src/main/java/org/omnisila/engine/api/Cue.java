package org.omnisila.engine.api;

/**
 * One piece of scene evidence an attribution rests on, e.g. a face with its expression, a pose
 * read as an action, an object relation triple or a background description.
 *
 * @param text   what was seen, human-readable (e.g. {@code "man, fist raised, angry"},
 *               {@code "person - hits - person"}); not blank
 * @param time   frame time at which the cue was seen, seconds from the start of the video;
 *               finite and &gt;= 0
 * @param box    where on that frame, in source-frame pixels; null when the cue has no location
 *               (e.g. a background description)
 * @param weight how much this cue carried the decision, dimensionless, finite and &gt;= 0;
 *               comparable between cues of the same segment, not between segments
 */
public record Cue(String text, double time, Box box, double weight) {

    /** Validates the text, time and weight; the box is optional. */
    public Cue {
        Checks.nonBlank("text", text);
        Checks.nonNegative("time", time);
        Checks.nonNegative("weight", weight);
    }
}
