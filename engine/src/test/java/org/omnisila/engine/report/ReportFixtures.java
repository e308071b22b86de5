package org.omnisila.engine.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.api.AnalysisWarning;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.api.SceneCues;
import org.omnisila.engine.api.SceneWeights;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.api.VideoInfo;

/** A small analysis of a 4-s video: two segments, two located sentiments with tricky attribution texts. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    static VideoAnalysis analysis(String videoPath) {
        List<SegmentResult> segments = List.of(segment(0, 0, 2, "positive"), segment(1, 2, 4, "negative"));
        List<LocatedSentiment> located = List.of(
                new LocatedSentiment(0.0, 2.0, "positive", 0.8, "She smiles, \"broadly\", at 1.2 s"),
                new LocatedSentiment(2.0, 4.0, "negative", 0.65, "<script>alert(1)</script> & a frown\nat 3 s"));
        return new VideoAnalysis(new VideoInfo(videoPath, "a".repeat(64), 4.0, 10, 320, 240),
                new ModelInfo("ICM", "small", null, "cpu"), segments, located,
                List.of(new AnalysisWarning("GAP", 1.0, 1.2, "no frame could be decoded from 1.00 s to 1.20 s")));
    }

    private static SegmentResult segment(int index, double start, double end, String top) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String label : List.of("positive", "negative", "neutral")) {
            scores.put(label, label.equals(top) ? 0.8 : 0.1);
        }
        return new SegmentResult(index, start, end, List.of(start, start + 1), scores,
                new SceneWeights(0.4, 0.3, 0.2, 0.1), new SceneWeights(0.5, -0.1, 0.0, 0.05),
                new SceneCues(List.of(), List.of(), List.of(), List.of()), top + " because");
    }
}
