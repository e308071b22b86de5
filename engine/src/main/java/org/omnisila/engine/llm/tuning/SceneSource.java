package org.omnisila.engine.llm.tuning;

import org.omnisila.engine.scene.SceneExtractor;

import java.util.List;

/**
 * Where stage 2 gets an example's scene features x_j [8, d_j] from: the four bundled extractors on its eight frames
 * ({@link #of}), or, in tests, any function of the frames.
 */
public interface SceneSource {
    /** @return the four scene features of the frames */
    SceneInputs features(VideoFrames8 frames);

    /** @return d_j, face, action, object, background */
    List<Integer> widths();

    /** The four extractors in scene order ({@link SceneInputs#extract}). */
    static SceneSource of(List<SceneExtractor> extractors) {
        List<Integer> widths = extractors.stream().map(SceneExtractor::width).toList();
        return new SceneSource() {
            @Override
            public SceneInputs features(VideoFrames8 frames) {
                return SceneInputs.extract(extractors, frames);
            }

            @Override
            public List<Integer> widths() {
                return widths;
            }
        };
    }
}
