package org.omnisila.app.workbench.overlay;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.omnisila.engine.analysis.AnalysisListener;

/**
 * Records what the scene extractors see on a video's sampled frames, with their person masks; may block, runs off
 * the FX thread.
 */
@FunctionalInterface
public interface CueSource {
    /**
     * @throws org.omnisila.engine.video.VideoCancelledException when {@code cancelled} turned true
     * @throws RuntimeException when the video cannot be read or a model file is missing
     */
    CueTrack record(Path video, AnalysisListener listener, BooleanSupplier cancelled);
}
