package org.omnisila.engine.analysis;

import java.util.List;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.video.VideoWarning;

/**
 * An analysis and what went wrong on the way without stopping it.
 *
 * @param analysis the result
 * @param warnings damaged stretches, lost frames, skipped segments (their time ranges)
 */
public record AnalysisOutcome(VideoAnalysis analysis, List<VideoWarning> warnings) {
    public AnalysisOutcome {
        warnings = List.copyOf(warnings);
    }
}
