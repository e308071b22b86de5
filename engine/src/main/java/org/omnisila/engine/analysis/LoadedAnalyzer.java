package org.omnisila.engine.analysis;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.icm.DeviceChoice;
import org.omnisila.engine.icm.checkpoint.Checkpoint;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.scene.SceneExtractors;
import org.omnisila.engine.video.SegmentPlan;

/**
 * A {@link VideoAnalyzer} with everything it holds: the bundled extractors, a checkpoint's model and the
 * manager of its parameters on one device. What {@code omnisila analyze} and the workbench load; closing it
 * frees the models.
 */
public final class LoadedAnalyzer implements AutoCloseable {
    /** Cues kept per scene and segment in a result. */
    public static final int CUES_PER_SCENE = 3;

    private final VideoAnalyzer analyzer;
    private final Checkpoint checkpoint;
    private final ModelInfo info;
    private final List<SceneExtractor> extractors;
    private final NDManager manager;

    private LoadedAnalyzer(VideoAnalyzer analyzer, Checkpoint checkpoint, ModelInfo info,
                           List<SceneExtractor> extractors, NDManager manager) {
        this.analyzer = analyzer;
        this.checkpoint = checkpoint;
        this.info = info;
        this.extractors = extractors;
        this.manager = manager;
    }

    /**
     * @param checkpointDir a checkpoint folder ({@link EmbeddedModel#checkpoint} for the bundled one)
     * @param device        where the models run
     * @param files         the verified model files
     * @param plan          segment length and frames per segment
     * @param cache         scene features kept between runs, or null
     * @throws org.omnisila.engine.icm.checkpoint.CheckpointException or
     *     {@link org.omnisila.engine.models.ModelFileException} naming the file that is missing or wrong
     */
    public static LoadedAnalyzer open(Path checkpointDir, Device device, ModelFiles files, SegmentPlan plan,
                                      SceneCache cache) {
        List<SceneExtractor> extractors = SceneExtractors.open(device, files);
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            CheckpointModels.Loaded loaded = CheckpointModels.load(checkpointDir, manager);
            ModelInfo info = new ModelInfo("ICM", loaded.checkpoint().config().name(), loaded.checkpoint().sha256(),
                    DeviceChoice.describe(device));
            VideoAnalyzer analyzer = new VideoAnalyzer(loaded.model(), info, extractors, plan, CUES_PER_SCENE, cache,
                    manager);
            return new LoadedAnalyzer(analyzer, loaded.checkpoint(), info, extractors, manager);
        } catch (RuntimeException e) {
            manager.close();
            extractors.forEach(SceneExtractor::close);
            throw e;
        }
    }

    public VideoAnalyzer analyzer() {
        return analyzer;
    }

    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /** What results record of the model. */
    public ModelInfo info() {
        return info;
    }

    @Override
    public void close() {
        manager.close();
        extractors.forEach(SceneExtractor::close);
    }
}
