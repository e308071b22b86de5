package org.omnisila.app.workbench.analysis;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.omnisila.engine.analysis.AnalysisListener;
import org.omnisila.engine.analysis.AnalysisOutcome;
import org.omnisila.engine.analysis.EmbeddedModel;
import org.omnisila.engine.analysis.LoadedAnalyzer;
import org.omnisila.engine.analysis.SceneCache;
import org.omnisila.engine.icm.DeviceChoice;
import org.omnisila.engine.icm.checkpoint.Checkpoint;
import org.omnisila.engine.icm.checkpoint.IcmCheckpoint;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.video.SegmentPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A checkpoint (the embedded model, or a checkpoint folder the analyst chose) with the bundled extractors, as
 * {@code omnisila analyze} builds them (2-s segments, 8 frames each, 3 cues per scene), on CUDA when present.
 * Loaded on the first analysis and kept until {@link #close()}. Thread-safe: calls are serialised.
 */
public final class CheckpointAnalysisEngine implements AnalysisEngine {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointAnalysisEngine.class);

    private final ModelFiles files;
    private final SceneCache cache;
    /** The chosen checkpoint folder, or null for the embedded model (copied out of the installation when used). */
    private final Path folder;
    private Device device;
    private volatile String modelSha256;
    private volatile String configName;
    private LoadedAnalyzer loaded;

    /**
     * The embedded model.
     *
     * @param files where the model files are copied to
     * @param cache scene features kept between runs, or null to extract every time
     */
    public CheckpointAnalysisEngine(ModelFiles files, SceneCache cache) {
        this(files, cache, null);
    }

    private CheckpointAnalysisEngine(ModelFiles files, SceneCache cache, Path folder) {
        this.files = files;
        this.cache = cache;
        this.folder = folder;
    }

    /** The product's: the embedded model, the default cache root and its scene cache (notices go to the log). */
    public static CheckpointAnalysisEngine standard() {
        return new CheckpointAnalysisEngine(new ModelFiles(), standardCache());
    }

    /**
     * A checkpoint folder ({@code omnisila train} or {@code export-checkpoint} wrote it), read and verified now so
     * that a wrong choice is told at once; blocks, call it off the FX thread.
     *
     * @throws org.omnisila.engine.icm.checkpoint.CheckpointException naming the file and what differs
     */
    public static CheckpointAnalysisEngine checkpoint(Path folder, ModelFiles files, SceneCache cache) {
        CheckpointAnalysisEngine engine = new CheckpointAnalysisEngine(files, cache, folder);
        engine.modelSha256();
        return engine;
    }

    /** The scene cache the product's engines share. */
    public static SceneCache standardCache() {
        return SceneCache.standard(n -> LOG.warn("scene cache: {}", n));
    }

    @Override
    public String model() {
        if (folder == null) {
            return EmbeddedModel.summary();
        }
        return "checkpoint " + folder + (configName == null ? "" : " (config " + configName + ")");
    }

    @Override
    public synchronized String device() {
        return chosenDevice().isGpu() ? "CUDA" : "CPU";
    }

    private Device chosenDevice() {
        if (device == null) {
            device = DeviceChoice.choose("auto", DeviceChoice.gpuCount());
        }
        return device;
    }

    /** Not under the lock that an analysis holds: stored results are looked up while one runs. */
    @Override
    public String modelSha256() {
        synchronized (files) {
            if (modelSha256 == null) {
                Checkpoint read = IcmCheckpoint.read(checkpointFolder());
                configName = read.config().name();
                modelSha256 = read.sha256();
            }
            return modelSha256;
        }
    }

    private Path checkpointFolder() {
        return folder != null ? folder : EmbeddedModel.checkpoint(files);
    }

    @Override
    public synchronized AnalysisOutcome analyze(Path video, AnalysisListener listener, BooleanSupplier cancelled) {
        if (loaded == null) {
            listener.progress("loading the model and extractors", 0);
            load();
        }
        return loaded.analyzer().analyze(video, listener, cancelled);
    }

    private void load() {
        long start = System.nanoTime();
        loaded = LoadedAnalyzer.open(checkpointFolder(), chosenDevice(), files, SegmentPlan.DEFAULT, cache);
        LOG.info("{} and extractors loaded on {} in {} ms", model(), device(), (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public synchronized void close() {
        if (loaded != null) {
            loaded.close();
            loaded = null;
        }
    }
}
