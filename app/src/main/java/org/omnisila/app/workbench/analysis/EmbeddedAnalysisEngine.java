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
import org.omnisila.engine.icm.checkpoint.IcmCheckpoint;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.video.SegmentPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded model with the bundled extractors, as {@code omnisila analyze} builds them (2-s segments, 8 frames
 * each, 3 cues per scene), on CUDA when present. Loaded on the first analysis and kept until {@link #close()}.
 * Thread-safe: calls are serialised.
 */
public final class EmbeddedAnalysisEngine implements AnalysisEngine {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAnalysisEngine.class);

    private final ModelFiles files;
    private final SceneCache cache;
    private Device device;
    private volatile String modelSha256;
    private LoadedAnalyzer loaded;

    /**
     * @param files where the model files are copied to
     * @param cache scene features kept between runs, or null to extract every time
     */
    public EmbeddedAnalysisEngine(ModelFiles files, SceneCache cache) {
        this.files = files;
        this.cache = cache;
    }

    /** The product's: the default cache root and its scene cache (notices go to the log). */
    public static EmbeddedAnalysisEngine standard() {
        return new EmbeddedAnalysisEngine(new ModelFiles(), SceneCache.standard(n -> LOG.warn("scene cache: {}", n)));
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
                modelSha256 = IcmCheckpoint.read(EmbeddedModel.checkpoint(files)).sha256();
            }
            return modelSha256;
        }
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
        loaded = LoadedAnalyzer.open(EmbeddedModel.checkpoint(files), chosenDevice(), files, SegmentPlan.DEFAULT, cache);
        LOG.info("model and extractors loaded on {} in {} ms", device(), (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public synchronized void close() {
        if (loaded != null) {
            loaded.close();
            loaded = null;
        }
    }
}
