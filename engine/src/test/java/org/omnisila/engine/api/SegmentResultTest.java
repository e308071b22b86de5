package org.omnisila.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.omnisila.engine.api.Invalid.assertInvalid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentResultTest {

    private static final SceneWeights EVEN = new SceneWeights(0.25, 0.25, 0.25, 0.25);

    private static SegmentResult segment(double start, double end, List<Double> frames, Map<String, Double> scores,
                                         SceneWeights routing, SceneWeights effect) {
        return new SegmentResult(0, start, end, frames, scores, routing, effect, SceneCues.empty(), "text");
    }

    private static SegmentResult withScores(Map<String, Double> scores) {
        return segment(0, 1, List.of(0.0, 1.0), scores, EVEN, null);
    }

    @Test
    void rejectsBadTimes() {
        assertInvalid("end", "end 1.0 is before start 2.0",
                () -> segment(2, 1, List.of(), Map.of("Fire", 0.5), EVEN, null));
        assertInvalid("start", "start must be >= 0 but was -0.5",
                () -> segment(-0.5, 1, List.of(), Map.of("Fire", 0.5), EVEN, null));
        assertInvalid("end", "end must be a finite number but was NaN",
                () -> segment(0, Double.NaN, List.of(), Map.of("Fire", 0.5), EVEN, null));
        assertInvalid("index", "index must be >= 0 but was -1", () -> new SegmentResult(-1, 0, 1, List.of(),
                Map.of("Fire", 0.5), null, null, SceneCues.empty(), null));
    }

    @Test
    void frameTimesMayHaveAnyLengthButMustNotGoBack() {
        assertEquals(3, segment(0, 1, List.of(0.0, 0.5, 0.5), Map.of("Fire", 0.5), EVEN, null).frameTimes().size());
        assertInvalid("frameTimes[2]", "frameTimes[2] 0.25 is before frameTimes[1] 0.5; frame times must be non-decreasing",
                () -> segment(0, 1, List.of(0.0, 0.5, 0.25), Map.of("Fire", 0.5), EVEN, null));
        assertInvalid("frameTimes[1]", "frameTimes[1] must be >= 0 but was -1.0",
                () -> segment(0, 1, List.of(0.0, -1.0), Map.of("Fire", 0.5), EVEN, null));
        assertInvalid("frameTimes[0]", "frameTimes[0] is required but was null",
                () -> segment(0, 1, Arrays.asList((Double) null), Map.of("Fire", 0.5), EVEN, null));
    }

    @Test
    void scoresAreProbabilities() {
        assertInvalid("sentimentScores.Fire", "sentimentScores.Fire 1.01 is outside [0, 1]",
                () -> withScores(Map.of("Fire", 1.01)));
        assertInvalid("sentimentScores.Fire", "sentimentScores.Fire -0.1 is outside [0, 1]",
                () -> withScores(Map.of("Fire", -0.1)));
        assertInvalid("sentimentScores", "sentimentScores must hold at least one label", () -> withScores(Map.of()));
        Map<String, Double> nullValue = new LinkedHashMap<>();
        nullValue.put("Fire", null);
        assertInvalid("sentimentScores.Fire", "sentimentScores.Fire is required but was null",
                () -> withScores(nullValue));
    }

    @Test
    void routingIsADistribution() {
        assertInvalid("routing.action", "routing.action -0.1 is outside [0, 1]",
                () -> segment(0, 1, List.of(), Map.of("Fire", 1.0), new SceneWeights(0.5, -0.1, 0.3, 0.3), null));
        assertInvalid("routing", "routing weights sum to 0.9, not 1 (tolerance 0.001)",
                () -> segment(0, 1, List.of(), Map.of("Fire", 1.0), new SceneWeights(0.3, 0.3, 0.2, 0.1), null));
        // float32 softmax rounding is tolerated
        segment(0, 1, List.of(), Map.of("Fire", 1.0), new SceneWeights(0.2500004, 0.25, 0.25, 0.2499), null);
    }

    @Test
    void causalEffectsAreProbabilityDifferences() {
        assertInvalid("causalEffect.background", "causalEffect.background 1.5 is outside [-1, 1]",
                () -> segment(0, 1, List.of(), Map.of("Fire", 1.0), EVEN, new SceneWeights(0, 0, 0, 1.5)));
        assertEquals(-1.0, segment(0, 1, List.of(), Map.of("Fire", 1.0), null, new SceneWeights(-1, 0, 0, 1))
                .causalEffect().face());
    }

    @Test
    void cuesAreRequired() {
        assertInvalid("cues", "cues is required but was null", () -> new SegmentResult(0, 0, 1, List.of(),
                Map.of("Fire", 1.0), null, null, null, null));
    }

    @Test
    void copiesAreDefensiveAndKeepOrder() {
        List<Double> frames = new ArrayList<>(List.of(0.0, 1.0));
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("neutral", 0.2);
        scores.put("positive", 0.7);
        scores.put("negative", 0.1);
        SegmentResult s = segment(0, 1, frames, scores, EVEN, null);
        frames.add(2.0);
        scores.put("Fire", 0.9);
        assertEquals(List.of(0.0, 1.0), s.frameTimes());
        assertEquals(List.of("neutral", "positive", "negative"), List.copyOf(s.sentimentScores().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> s.frameTimes().add(3.0));
        assertThrows(UnsupportedOperationException.class, () -> s.sentimentScores().put("Fire", 1.0));
    }

    @Test
    void topLabelIsTheHighestScoreFirstOnTies() {
        assertEquals("positive", withScores(Examples.scores(0.7, 0.2, 0.1)).topLabel());
        assertEquals("positive", withScores(Examples.scores(0.4, 0.4, 0.2)).topLabel());
        assertEquals("neutral", withScores(Examples.scores(0.1, 0.2, 0.7)).topLabel());
    }
}
