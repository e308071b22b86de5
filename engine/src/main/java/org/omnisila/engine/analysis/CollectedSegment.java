package org.omnisila.engine.analysis;

import java.util.List;
import org.omnisila.engine.scene.SceneFeatures;
import org.omnisila.engine.video.Segment;

/**
 * One analysed segment's scene features, kept until the model runs over the whole video.
 *
 * @param segment    the planned segment (its index in the plan; analysis renumbers delivered segments)
 * @param frameTimes the actual timestamps of its sampled frames, seconds
 * @param scenes     the four scenes' features, in scene order face, action, object, background
 */
public record CollectedSegment(Segment segment, double[] frameTimes, List<SceneFeatures> scenes) {
    public CollectedSegment {
        scenes = List.copyOf(scenes);
        frameTimes = frameTimes.clone();
    }

    @Override
    public double[] frameTimes() {
        return frameTimes.clone();
    }
}
