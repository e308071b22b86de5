package org.omnisila.app.workbench.overlay;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.omnisila.engine.analysis.AnalysisListener;
import org.omnisila.engine.icm.DeviceChoice;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.SceneExtractors;
import org.omnisila.engine.scene.export.PersonMask;
import org.omnisila.engine.scene.export.SceneCueRecorder;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.SegmentSampler;
import org.omnisila.engine.video.VideoCancelledException;
import org.omnisila.engine.video.VideoProbe;

/**
 * The bundled extractors, as {@code omnisila scenes} runs them (2-s segments, 8 frames each, the analysis's plan),
 * on CUDA when present, with each frame's person mask kept in memory as a {@link PersonMask} (about 2 KiB a frame)
 * instead of written as a PNG. The extractors are loaded for each run and closed after it.
 */
public final class EmbeddedCueSource implements CueSource {
    private static final SegmentPlan PLAN = SegmentPlan.DEFAULT;

    @Override
    public CueTrack record(Path video, AnalysisListener listener, BooleanSupplier cancelled) {
        double duration = VideoProbe.probe(video).duration(); // no video: fails before the models load (no hashing)
        listener.progress("loading the extractors", 0);
        try (SceneExtractors.Bundle extractors = SceneExtractors.bundle(
                DeviceChoice.choose("auto", DeviceChoice.gpuCount()), new ModelFiles())) {
            Map<CueTrack.FrameRef, PersonMask> masks = new HashMap<>();
            SceneCueRecorder recorder = new SceneCueRecorder(extractors, (segment, frame, mask, width, height) -> {
                masks.put(new CueTrack.FrameRef(segment, frame), PersonMask.of(mask));
                return null; // kept here, not a file the cues could name
            });
            new SegmentSampler(PLAN).sample(video, recorder,
                    f -> listener.progress("decoding and scene extraction", f), cancelled);
            if (cancelled.getAsBoolean()) {
                throw new VideoCancelledException(video, duration, duration);
            }
            return CueTrack.of(recorder.segments(), masks);
        }
    }
}
