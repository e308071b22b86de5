package org.omnisila.engine.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.scene.SceneFeatures;
import org.omnisila.engine.video.FrameSink;
import org.omnisila.engine.video.SampledFrame;
import org.omnisila.engine.video.SegmentFrames;

/**
 * Runs the four scene extractors on each segment as the sampler delivers it (frames decoded once, shared) and
 * keeps only the features and cues: the frames themselves are dropped after each segment.
 */
final class SceneFeatureCollector implements FrameSink {
    private final List<SceneExtractor> extractors;
    private final List<CollectedSegment> segments = new ArrayList<>();

    /** @param extractors one per scene, in scene order face, action, object, background */
    SceneFeatureCollector(List<SceneExtractor> extractors) {
        this.extractors = List.copyOf(extractors);
    }

    @Override
    public void accept(SegmentFrames segment) {
        List<SceneFeatures> scenes = new ArrayList<>(extractors.size());
        for (SceneExtractor e : extractors) {
            scenes.add(e.extract(segment));
        }
        double[] times = segment.frames().stream().mapToDouble(SampledFrame::time).toArray();
        segments.add(new CollectedSegment(segment.segment(), times, scenes));
    }

    List<CollectedSegment> segments() {
        return Collections.unmodifiableList(segments);
    }
}
