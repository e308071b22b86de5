package org.omnisila.annotator.export;

import java.util.List;
import org.omnisila.engine.analysis.SceneCache;
import org.omnisila.engine.analysis.SceneCollection;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.video.SegmentPlan;

/**
 * Where the scene-feature data set's features come from: the four scene extractors (the bundled ones:
 * {@code SceneExtractors.open}), the segment plan, and the scene cache (null for none). The caller closes the
 * extractors.
 *
 * @param extractors one per scene, in scene order face, action, object, background
 * @param plan       segment length and frames per segment
 * @param cache      the scene cache, or null
 */
public record SceneSource(List<SceneExtractor> extractors, SegmentPlan plan, SceneCache cache) {
    /** Copies the extractors; four are needed. */
    public SceneSource {
        extractors = List.copyOf(extractors);
        if (extractors.size() != 4) {
            throw new IllegalArgumentException("four scene extractors are needed (face, action, object, background),"
                    + " got " + extractors.size());
        }
    }

    /** The collection that decodes a video once and runs the extractors (or reads the cache). */
    SceneCollection collection() {
        return new SceneCollection(extractors, plan, cache);
    }

    /** The extractors' widths, face first. */
    List<Integer> widths() {
        return extractors.stream().map(SceneExtractor::width).toList();
    }
}
