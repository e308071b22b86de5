package org.omnisila.engine.analysis;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.video.SamplingResult;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.SegmentSampler;

/**
 * Decode a video once and run the four scene extractors on every segment, or take the result from the scene
 * cache when this file was already extracted with the same plan and extractors. Both analysis and the
 * building of training data sets start here.
 */
public final class SceneCollection {
    private final List<SceneExtractor> extractors;
    private final SegmentPlan plan;
    private final SceneCache cache;

    /**
     * @param extractors one per scene, in scene order face, action, object, background
     * @param plan       segment length and frames per segment
     * @param cache      where features are kept between runs, or null for none
     */
    public SceneCollection(List<SceneExtractor> extractors, SegmentPlan plan, SceneCache cache) {
        this.extractors = List.copyOf(extractors);
        this.plan = plan;
        this.cache = cache;
    }

    public List<SceneExtractor> extractors() {
        return extractors;
    }

    /**
     * @param video     the file
     * @param sha256    its SHA-256 (the cache key's first part)
     * @param progress  receives the done fraction, 0..1
     * @param cancelled polled per frame
     * @throws org.omnisila.engine.video.VideoFormatException when the file cannot be decoded at all
     * @throws org.omnisila.engine.video.VideoCancelledException when cancelled; nothing is cached then
     */
    public CollectedVideo collect(Path video, String sha256, DoubleConsumer progress, BooleanSupplier cancelled) {
        String key = cache == null ? null : SceneCache.key(sha256, plan, extractors);
        if (cache != null) {
            Optional<CollectedVideo> hit = cache.load(key);
            if (hit.isPresent()) {
                progress.accept(1.0);
                return hit.get();
            }
        }
        SceneFeatureCollector collector = new SceneFeatureCollector(extractors);
        SamplingResult sampling = new SegmentSampler(plan).sample(video, collector, progress, cancelled);
        CollectedVideo collected = new CollectedVideo(collector.segments(), sampling.warnings());
        if (cache != null) {
            cache.store(key, collected);
        }
        return collected;
    }
}
