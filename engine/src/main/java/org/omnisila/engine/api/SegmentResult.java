package org.omnisila.engine.api;

import java.util.List;
import java.util.Map;

/**
 * What the model found in one segment of the video: the sentiment scores, how much it listened to
 * each scene cue (routing), what each cue changed (causal effect), the cues themselves and the
 * attribution text.
 *
 * <p>The video is cut into N consecutive segments; each is sampled at a few frames (8 for the
 * paper's Video-LLaVA configuration, linspace over the segment) whose times are in
 * {@link #frameTimes()}.
 *
 * @param index           0-based position of the segment in the video; equals its position in
 *                        {@link VideoAnalysis#segments()}
 * @param start           segment start, seconds from the start of the video; finite, &gt;= 0
 * @param end             segment end, seconds; finite, &gt;= start
 * @param frameTimes      times of the sampled frames, seconds from the start of the video;
 *                        any length (8 in the paper's configuration), each finite and &gt;= 0,
 *                        non-decreasing
 * @param sentimentScores label -&gt; probability in [0, 1], in the order the model's head lists
 *                        its labels; at least one entry. Labels are canonical names
 *                        ({@link SentimentLabels}); the scores need not sum to 1 (multi-label
 *                        heads use independent sigmoids)
 * @param routing         the scene-balanced MoE routing weights P = softmax(W h) of this segment
 *                        (paper section 3.2): each in [0, 1], summing to 1 within 1e-3; null when
 *                        the model has no router
 * @param causalEffect    per scene j, the change in the predicted probability of this segment's top
 *                        label (the highest entry of sentimentScores) when x_j is replaced by its
 *                        dictionary expectation, do(x_j): p(top | do(x_j := E[x_j])) subtracted
 *                        from p(top); each in [-1, 1]; null when interventions were not computed.
 *                        The intervention follows the dictionary of the IEC block (paper section
 *                        3.3), but the number itself is the workbench's measure, not one the paper
 *                        reports
 * @param cues            the scene evidence this segment's attribution rests on; never null
 *                        (use {@link SceneCues#empty()})
 * @param attribution     the attribution text, why this sentiment; null when the model generates
 *                        no text (the small ICM with task heads)
 */
public record SegmentResult(
        int index,
        double start,
        double end,
        List<Double> frameTimes,
        Map<String, Double> sentimentScores,
        SceneWeights routing,
        SceneWeights causalEffect,
        SceneCues cues,
        String attribution) {

    /** How far the routing weights may sum from 1 (float32 softmax output written as double). */
    public static final double ROUTING_SUM_TOLERANCE = 1e-3;

    /** Validates every field and copies the list and map (unmodifiable, order kept). */
    public SegmentResult {
        Checks.nonNegative("index", index);
        Checks.interval(start, end);
        frameTimes = Checks.listCopy("frameTimes", frameTimes);
        checkFrameTimes(frameTimes);
        sentimentScores = Checks.mapCopy("sentimentScores", sentimentScores);
        checkScores(sentimentScores);
        if (routing != null) {
            checkRouting(routing);
        }
        if (causalEffect != null) {
            for (Scene scene : Scene.values()) {
                Checks.inRange("causalEffect." + scene.jsonName(), causalEffect.get(scene), -1, 1);
            }
        }
        Checks.required("cues", cues);
    }

    /**
     * The label with the highest score; on a tie the one listed first. This is the label the
     * causal effects refer to.
     */
    public String topLabel() {
        String top = null;
        double best = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Double> e : sentimentScores.entrySet()) {
            if (e.getValue() > best) {
                best = e.getValue();
                top = e.getKey();
            }
        }
        return top;
    }

    private static void checkFrameTimes(List<Double> frameTimes) {
        for (int i = 0; i < frameTimes.size(); i++) {
            String field = "frameTimes[" + i + "]";
            double t = Checks.nonNegative(field, frameTimes.get(i));
            if (i > 0 && t < frameTimes.get(i - 1)) {
                throw Checks.invalid(field, field + " " + t + " is before frameTimes[" + (i - 1) + "] "
                        + frameTimes.get(i - 1) + "; frame times must be non-decreasing");
            }
        }
    }

    private static void checkScores(Map<String, Double> scores) {
        if (scores.isEmpty()) {
            throw Checks.invalid("sentimentScores", "sentimentScores must hold at least one label");
        }
        scores.forEach((label, p) -> Checks.inRange("sentimentScores." + label, p, 0, 1));
    }

    private static void checkRouting(SceneWeights routing) {
        for (Scene scene : Scene.values()) {
            Checks.inRange("routing." + scene.jsonName(), routing.get(scene), 0, 1);
        }
        double sum = routing.sum();
        if (Math.abs(sum - 1) > ROUTING_SUM_TOLERANCE) {
            throw Checks.invalid("routing", "routing weights sum to " + sum + ", not 1 (tolerance "
                    + ROUTING_SUM_TOLERANCE + ")");
        }
    }
}
