package org.omnisila.engine.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A complete analysis with every field populated, and the parts it is built from, for tests. */
final class Examples {

    static final String VIDEO_SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String CHECKPOINT_SHA = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

    private Examples() {
    }

    static VideoInfo video() {
        return new VideoInfo("videos/street-042.mp4", VIDEO_SHA, 12.5, 25.0, 1280, 720);
    }

    static ModelInfo model() {
        return new ModelInfo("ICM", "small", CHECKPOINT_SHA, "cpu");
    }

    static List<Double> frameTimes(double start, double end) {
        Double[] times = new Double[8];
        for (int i = 0; i < 8; i++) {
            times[i] = start + (end - start) * i / 7.0;
        }
        return List.of(times);
    }

    static Map<String, Double> scores(double positive, double negative, double neutral) {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("positive", positive);
        scores.put("negative", negative);
        scores.put("neutral", neutral);
        return scores;
    }

    static SceneCues cues() {
        return new SceneCues(
                List.of(new Cue("man, brows lowered, angry", 2.5, new Box(410.0, 96.5, 88.0, 104.0), 0.61)),
                List.of(new Cue("person raises fist", 2.857142857142857, new Box(380.0, 80.0, 210.0, 520.0), 0.42),
                        new Cue("person pushes person", 3.2, new Box(300.0, 60.0, 400.0, 600.0), 0.2)),
                List.of(new Cue("person - holds - bottle", 3.0, new Box(512.25, 300.0, 40.0, 90.0), 0.15)),
                List.of(new Cue("night street, shop front", 2.5, null, 0.05)));
    }

    static SegmentResult segment0() {
        return new SegmentResult(0, 0.0, 2.5, frameTimes(0.0, 2.5), scores(0.12, 0.08, 0.8),
                new SceneWeights(0.4, 0.3, 0.2, 0.1), new SceneWeights(0.05, -0.01, 0.0, 0.02),
                SceneCues.empty(), "A calm street; nobody shows a strong expression.");
    }

    static SegmentResult segment1() {
        return new SegmentResult(1, 2.5, 5.0, frameTimes(2.5, 5.0), scores(0.03, 0.91, 0.06),
                new SceneWeights(0.55, 0.3, 0.1, 0.05), new SceneWeights(0.31, 0.22, 0.04, -0.02),
                cues(), "A man frowns and raises his fist at another person: negative.");
    }

    static LocatedSentiment located() {
        return new LocatedSentiment(2.5, 5.0, "negative", 0.91,
                "A man frowns and raises his fist at another person.");
    }

    static VideoAnalysis full() {
        return new VideoAnalysis(VideoAnalysis.SCHEMA_VERSION, video(), model(),
                List.of(segment0(), segment1()), List.of(located()), List.of(warning()));
    }

    static AnalysisWarning warning() {
        return new AnalysisWarning("GAP", 6.2, 6.9, "no frame could be decoded from 6.20 s to 6.90 s (damaged or "
                + "missing video data)");
    }
}
