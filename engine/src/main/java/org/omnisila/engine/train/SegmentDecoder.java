package org.omnisila.engine.train;

import java.util.ArrayList;
import java.util.List;
import org.omnisila.engine.api.LocatedSentiment;

/**
 * Turns per-segment outputs into located sentiments (the paper's (t_i, s_i, c_i)): consecutive segments whose
 * presence probability reaches the threshold and whose most likely non-background label is the same are merged
 * into one located segment; its score is their mean presence probability.
 *
 * <p>The threshold is recall-first (default {@value #DEFAULT_THRESHOLD}): a missed negative segment is the
 * costly error (paper section 4.4, FNRs), so a segment counts as soon as the model gives it a fair chance.
 */
public final class SegmentDecoder {
    public static final double DEFAULT_THRESHOLD = 0.3;

    private SegmentDecoder() {
    }

    /**
     * The "nothing happens" label of a label set: Normal for the implicit labels, neutral for the explicit ones;
     * -1 when the set has neither.
     */
    public static int backgroundIndex(List<String> labels) {
        int normal = labels.indexOf("Normal");
        return normal >= 0 ? normal : labels.indexOf("neutral");
    }

    /**
     * @param starts     segment start times [S], seconds
     * @param ends       segment end times [S]
     * @param presence   presence probabilities [S]
     * @param labelProbs label probabilities [S][C]
     * @param labels     the C label names
     * @param background index of the "nothing happens" label (e.g. Normal), or -1
     * @param threshold  presence probability a segment needs
     */
    public static List<LocatedSentiment> decode(double[] starts, double[] ends, float[] presence, float[][] labelProbs,
                                                List<String> labels, int background, double threshold) {
        List<LocatedSentiment> out = new ArrayList<>();
        int runStart = -1;
        int runLabel = -1;
        double runScore = 0;
        for (int i = 0; i <= starts.length; i++) {
            int label = i < starts.length && presence[i] >= threshold ? bestLabel(labelProbs[i], background) : -1;
            if (runStart >= 0 && label != runLabel) {
                out.add(new LocatedSentiment(starts[runStart], ends[i - 1], labels.get(runLabel),
                        runScore / (i - runStart), null));
                runStart = -1;
            }
            if (label >= 0 && runStart < 0) {
                runStart = i;
                runLabel = label;
                runScore = 0;
            }
            if (label >= 0) {
                runScore += presence[i];
            }
        }
        return out;
    }

    /** The most probable label other than the background one. */
    static int bestLabel(float[] probs, int background) {
        int best = -1;
        for (int c = 0; c < probs.length; c++) {
            if (c != background && (best < 0 || probs[c] > probs[best])) {
                best = c;
            }
        }
        return best;
    }
}
