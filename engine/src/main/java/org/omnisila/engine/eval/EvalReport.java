package org.omnisila.engine.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one evaluation computed.
 *
 * @param groundTruthSource   ground-truth file
 * @param predictionSource    prediction file
 * @param options             the settings used
 * @param videoIds            evaluated videos (the ground truth's subset), in order
 * @param groundTruthSegments annotated segments in the evaluated videos
 * @param predictedSegments   predicted segments in the file
 * @param identification      VSI: Acc, F2
 * @param localization        VSL: mAP, segment-level F2, recall
 * @param frames              VSL: frame-level F2, FNRs
 * @param attribution         VSA: Sem-R, Sem-C, Sen-A, Atr-R; {@code null} when the ground truth has no
 *                            attribution text
 * @param warnings            problems the evaluation went on past
 * @param perVideo            per-video scores aligned with {@code videoIds} (NaN where undefined), for
 *                            significance tests: see {@link #PER_VIDEO_METRICS}
 */
public record EvalReport(String groundTruthSource, String predictionSource, EvalOptions options,
                         List<String> videoIds, int groundTruthSegments, int predictedSegments,
                         Identification.Result identification, Localization.Result localization,
                         FrameLevel.Result frames, AttributionResult attribution, List<Diagnostic> warnings,
                         Map<String, double[]> perVideo) {
    /** Names of the per-video scores, in report order. */
    public static final List<String> PER_VIDEO_METRICS = List.of(
            "identification correct", "frame F2", "frame FNR", "best tIoU", "Sem-R", "Sem-C");

    public EvalReport {
        videoIds = List.copyOf(videoIds);
        warnings = List.copyOf(warnings);
        perVideo = Collections.unmodifiableMap(new LinkedHashMap<>(perVideo));
    }
}
