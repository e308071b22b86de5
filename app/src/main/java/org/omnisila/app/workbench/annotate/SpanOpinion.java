package org.omnisila.app.workbench.annotate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;

/**
 * What a model's analysis of a video says about one span of it: the label with the highest sentiment score,
 * averaged over the analysed segments the span overlaps (each weighted by the seconds it shares with the span),
 * and that mean score. Pure, tested without JavaFX.
 *
 * @param model       the model's name, as the analysis records it
 * @param label       the label it favours over the span
 * @param probability that label's mean score, 0-1
 * @param scores      every label's mean score over the span
 */
public record SpanOpinion(String model, String label, double probability, Map<String, Double> scores) {

    /** Copies the scores (unmodifiable, in the analysis' label order). */
    public SpanOpinion {
        scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }

    /**
     * @return the opinion, or null when no analysed segment overlaps {@code [start, end]} (a single frame,
     *     start = end, counts the segment holding it)
     */
    public static SpanOpinion of(VideoAnalysis analysis, double start, double end) {
        Map<String, Double> sums = new LinkedHashMap<>();
        double total = 0;
        for (SegmentResult s : analysis.segments()) {
            double shared = Math.min(end, s.end()) - Math.max(start, s.start());
            if (start == end && start >= s.start() && start < s.end()) {
                shared = 1; // a frame: the segment it lies in
            }
            if (shared <= 0) {
                continue;
            }
            total += shared;
            for (Map.Entry<String, Double> e : s.sentimentScores().entrySet()) {
                sums.merge(e.getKey(), e.getValue() * shared, Double::sum);
            }
        }
        if (total == 0 || sums.isEmpty()) {
            return null;
        }
        String best = null;
        Map<String, Double> means = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : sums.entrySet()) {
            double mean = e.getValue() / total;
            means.put(e.getKey(), mean);
            if (best == null || mean > means.get(best)) {
                best = e.getKey();
            }
        }
        return new SpanOpinion(analysis.model().name(), best, means.get(best), means);
    }

    /** How unsure the model is: 1 minus the winning label's mean score. */
    public double uncertainty() {
        return 1 - probability;
    }

    /**
     * One line beside the machine attribution, e.g. {@code "Model ICM: negative 0.82 over this span (the
     * attribution says positive)"}.
     *
     * @param attributed the item's label, or null
     */
    public String describe(String attributed) {
        String line = String.format(Locale.ROOT, "Model %s: %s %.2f over this span", model, label, probability);
        if (attributed == null) {
            return line;
        }
        return line + (attributed.equals(label) ? " (agrees with the attribution)"
                : " (the attribution says " + attributed + ")");
    }
}
