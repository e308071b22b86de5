package org.omnisila.app.workbench.overlay;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.omnisila.engine.analysis.AnalysisListener;
import org.omnisila.engine.scene.export.SceneCueFile.SegmentCues;

/** Records what the scene extractors see on a video's sampled frames; may block, runs off the FX thread. */
@FunctionalInterface
public interface CueSource {
    /**
     * @throws org.omnisila.engine.video.VideoCancelledException when {@code cancelled} turned true
     * @throws RuntimeException when the video cannot be read or a model file is missing
     */
    List<SegmentCues> record(Path video, AnalysisListener listener, BooleanSupplier cancelled);
}
