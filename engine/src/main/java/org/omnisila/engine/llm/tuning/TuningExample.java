package org.omnisila.engine.llm.tuning;

import java.util.Objects;

/**
 * One training example of the full model: the conversation's tokens and labels, and what the video gives the model.
 *
 * @param id     the data set entry's id
 * @param tokens ids, labels, image positions
 * @param frames the eight frames (for the video tower), or null for a text-only example
 * @param scenes the scene features of those frames (for the SBM and IEC blocks), or null
 */
public record TuningExample(String id, ConversationTokens tokens, VideoFrames8 frames, SceneInputs scenes) {
    /** Checks. */
    public TuningExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tokens, "tokens");
    }
}
