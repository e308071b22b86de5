package org.omnisila.engine.scene;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.omnisila.engine.api.Box;

/**
 * One scene's features for one segment, and the cues they were computed from.
 *
 * @param values values[t] holds frame t's {@code width} feature values (see {@link SceneExtractor}'s layout)
 * @param cues   cues[t][k] is the cue of slot k on frame t, or null when the slot is empty
 */
public record SceneFeatures(float[][] values, List<List<SlotCue>> cues) {

    /**
     * What a filled slot shows, for the attribution: a readable description and where it is.
     *
     * @param text e.g. {@code "face 1: happy 0.92"}, {@code "person holding knife"}, {@code "background"}; not blank
     * @param box  source-frame pixels, or null when the cue has no location (the background)
     */
    public record SlotCue(String text, Box box) {
        public SlotCue {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("a cue needs a text");
            }
        }
    }

    public SceneFeatures {
        if (values.length != cues.size()) {
            throw new IllegalArgumentException(values.length + " frames of values but " + cues.size()
                    + " frames of cues");
        }
        List<List<SlotCue>> copy = new ArrayList<>(cues.size());
        for (List<SlotCue> frame : cues) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(frame))); // may hold nulls: empty slots
        }
        cues = Collections.unmodifiableList(copy);
    }

    /** Frames (T). */
    public int frames() {
        return values.length;
    }
}
