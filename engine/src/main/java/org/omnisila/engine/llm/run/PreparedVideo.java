package org.omnisila.engine.llm.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.omnisila.engine.api.SceneWeights;

/**
 * A video made ready once for many questions ({@link FullModel#prepare}): its eight frames' pixels, and with a scene
 * block the scene tokens and routing, computed once (inference has no dropout, so they do not change between
 * questions). Close it to free the arrays.
 *
 * @param video       the file
 * @param duration    its length, seconds
 * @param frameTimes  the eight frames' times, seconds ({@link org.omnisila.engine.llm.tuning.VideoFrames8})
 * @param pixels      [8, 3, S, S] ({@link org.omnisila.engine.llm.ClipFramePreprocessor})
 * @param sceneTokens [1, 8, d] the scene block's output for the decoder, or null without a scene block
 * @param routing     the SBM's routing P of the video, or null without a scene block
 * @param interventions the scene tokens under do(scene j := the IEC dictionary's expectation), one [1, 8, d] per
 *                    scene in scene order ({@code SceneFusion.interventions}), or null without a scene block
 * @param manager     the arrays' manager
 */
public record PreparedVideo(Path video, double duration, double[] frameTimes, NDArray pixels, NDArray sceneTokens,
                            SceneWeights routing, List<NDArray> interventions, NDManager manager)
        implements AutoCloseable {
    @Override
    public double[] frameTimes() {
        return frameTimes.clone();
    }

    @Override
    public void close() {
        manager.close();
    }
}
