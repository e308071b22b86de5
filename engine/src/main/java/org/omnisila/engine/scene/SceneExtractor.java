package org.omnisila.engine.scene;

import org.omnisila.engine.api.Scene;
import org.omnisila.engine.video.SegmentFrames;

/**
 * Scene-Enriched Modeling for one scene (paper section 3.1): turns a segment's sampled frames into that scene's
 * feature sequence x_j [T, width] and the cues behind it. One implementation per scene (face, action, object,
 * background); {@code omnisila analyze} runs all four on the frames decoded once.
 *
 * <p>Layout contract: a frame's {@link #width()} values are {@link #slots()} consecutive groups of
 * {@code width / slots} values, one group per cue slot (a face, a person, an object; the whole frame for the
 * background). An empty slot (fewer faces than slots, say) is all zeros and has no cue. This is what lets
 * {@code CueAttribution.slotWeights} turn the model's relevance into a weight per cue.
 *
 * <p>Implementations hold native models: not for concurrent use; close them.
 */
public interface SceneExtractor extends AutoCloseable {

    /** Which scene this extractor models. */
    Scene scene();

    /** d_j: feature values per frame; a multiple of {@link #slots()}. */
    int width();

    /** Cue slots per frame. */
    int slots();

    /**
     * What produced these features, for cache keys: the extractor and its models and settings. It must change
     * whenever the same frames would give other values or cues.
     */
    String version();

    /**
     * @param segment the segment's frames (8 in the paper's configuration), decoded once and shared by all
     *                extractors; not modified
     * @return one row of {@link #width()} values per frame, and the cue of every filled slot
     */
    SceneFeatures extract(SegmentFrames segment);

    @Override
    void close();
}
