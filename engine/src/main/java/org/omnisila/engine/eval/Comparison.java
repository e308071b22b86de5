package org.omnisila.engine.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/** Paired t-tests between two evaluation reports of the same ground truth, one per per-video score. */
public final class Comparison {
    private Comparison() {
    }

    public static Map<String, PairedTTest.Result> pairedTTests(EvalReport a, EvalReport b) {
        if (!a.videoIds().equals(b.videoIds())) {
            throw new IllegalArgumentException("the two reports cover different videos; evaluate both against the "
                    + "same ground truth and subset");
        }
        Map<String, PairedTTest.Result> out = new LinkedHashMap<>();
        for (String metric : EvalReport.PER_VIDEO_METRICS) {
            double[] x = a.perVideo().get(metric);
            double[] y = b.perVideo().get(metric);
            if (x != null && y != null) {
                out.put(metric, PairedTTest.test(x, y));
            }
        }
        return out;
    }
}
