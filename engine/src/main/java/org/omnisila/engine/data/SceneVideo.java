package org.omnisila.engine.data;

import java.util.List;

/**
 * One video of a scene-feature data set.
 *
 * @param id       video id
 * @param subset   {@code train} or {@code test} (any name)
 * @param duration seconds
 * @param segments consecutive segments with their features and labels
 * @param events   the ground-truth sentiment segments (start, end, label) the localisation head must find;
 *                 empty for a video with no sentiment event
 */
public record SceneVideo(String id, String subset, double duration, List<SceneSegment> segments,
                         List<Event> events) {
    /** A ground-truth sentiment segment, in seconds. */
    public record Event(double start, double end, String label) {
    }

    public SceneVideo {
        segments = List.copyOf(segments);
        events = List.copyOf(events);
    }
}
