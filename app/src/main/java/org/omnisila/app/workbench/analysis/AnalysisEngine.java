package org.omnisila.app.workbench.analysis;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.omnisila.engine.analysis.AnalysisListener;
import org.omnisila.engine.analysis.AnalysisOutcome;

/**
 * What the workbench asks of the engine to analyse a video. Every method may block and runs off the FX thread;
 * {@link CheckpointAnalysisEngine} is the product's.
 */
public interface AnalysisEngine extends AutoCloseable {
    /** @return the model in one line, for the status bar: the embedded model's summary, or the checkpoint folder */
    String model();

    /** @return "CPU" or "CUDA": where the model and extractors run */
    String device();

    /**
     * @return SHA-256 of the model's checkpoint, the key its stored results are kept under
     * @throws RuntimeException when the model's files are missing or damaged
     */
    String modelSha256();

    /**
     * @throws org.omnisila.engine.video.VideoCancelledException when {@code cancelled} turned true
     * @throws RuntimeException when the file cannot be analysed (not a video, a model file missing)
     */
    AnalysisOutcome analyze(Path video, AnalysisListener listener, BooleanSupplier cancelled);

    /** Frees the model and extractors; a later call loads them again. */
    @Override
    void close();
}
