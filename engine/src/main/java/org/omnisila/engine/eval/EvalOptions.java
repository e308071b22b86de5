package org.omnisila.engine.eval;

import java.util.Arrays;
import java.util.List;

/**
 * Settings of one evaluation run.
 *
 * @param subset          subset of the ground truth to evaluate ({@code null}: every video)
 * @param tious           tIoU thresholds for mAP, segment F2 and recall (the paper: 0.1, 0.2, 0.3)
 * @param sampling        frame sampling for frame-level F2 and FNRs
 * @param scoreThreshold  a predicted segment counts for frame-level and identification metrics when its score is
 *                        at least this
 * @param fnrLabels       classes pooled into FNRs; {@code null} for {@link FrameLevel#defaultFnrLabels}
 */
public record EvalOptions(String subset, double[] tious, FrameSampling sampling, double scoreThreshold,
                          List<String> fnrLabels) {
    public static final double[] PAPER_TIOUS = {0.1, 0.2, 0.3};

    public EvalOptions {
        if (tious == null || tious.length == 0) {
            throw new IllegalArgumentException("at least one tIoU threshold is needed");
        }
        for (double t : tious) {
            if (!(t > 0 && t <= 1)) {
                throw new IllegalArgumentException("tIoU thresholds lie in (0, 1]; got " + t);
            }
        }
        tious = tious.clone();
        if (!Double.isFinite(scoreThreshold)) {
            throw new IllegalArgumentException("score threshold must be a finite number, got " + scoreThreshold);
        }
        fnrLabels = fnrLabels == null ? null : List.copyOf(fnrLabels);
    }

    /** The paper's settings on the test subset. */
    public static EvalOptions paper() {
        return new EvalOptions("test", PAPER_TIOUS, FrameSampling.videoFps(), 0.5, null);
    }

    @Override
    public double[] tious() {
        return tious.clone();
    }

    @Override
    public String toString() {
        return "EvalOptions[subset=" + subset + ", tious=" + Arrays.toString(tious) + ", sampling="
                + sampling.describe() + ", scoreThreshold=" + scoreThreshold + ", fnrLabels=" + fnrLabels + "]";
    }
}
