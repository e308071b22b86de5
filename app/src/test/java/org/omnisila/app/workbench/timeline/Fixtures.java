package org.omnisila.app.workbench.timeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.api.Cue;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.api.SceneCues;
import org.omnisila.engine.api.SceneWeights;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.api.VideoInfo;

/** A hand-made analysis with known numbers: 6 s of video, three 2 s segments, two located sentiments. */
public final class Fixtures {
    private Fixtures() {
    }

    public static VideoAnalysis analysis() {
        return new VideoAnalysis(new VideoInfo("clip.mp4", "a".repeat(64), 6.0, 25, 640, 360),
                new ModelInfo("ICM", "small", null, "cpu"),
                List.of(segment(0, 0, 0.7, 0.2, 0.1, new SceneWeights(0.25, 0.25, 0.25, 0.25), null, SceneCues.empty(),
                                null),
                        segment(1, 2, 0.05, 0.87, 0.08, new SceneWeights(0.52, 0.31, 0.12, 0.05),
                                new SceneWeights(0.34, 0.21, 0.003, -0.04),
                                new SceneCues(List.of(new Cue("man, angry", 2.25, new Box(10, 20, 30, 40), 0.9)),
                                        List.of(new Cue("person - hits - person", 2.75, new Box(50, 60, 70, 80), 0.7)),
                                        List.of(), List.of()),
                                "A man hits another man."),
                        segment(2, 4, 0.1, 0.6, 0.3, null, null, SceneCues.empty(), null)),
                List.of(new LocatedSentiment(0.5, 1.5, "positive", 0.8, null),
                        new LocatedSentiment(2.0, 5.0, "negative", 0.9, "a man hits another")));
    }

    private static SegmentResult segment(int index, double start, double pos, double neg, double neu,
                                         SceneWeights routing, SceneWeights effect, SceneCues cues, String text) {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("positive", pos);
        scores.put("negative", neg);
        scores.put("neutral", neu);
        return new SegmentResult(index, start, start + 2, List.of(start + 0.25, start + 1.75), scores, routing, effect,
                cues, text);
    }
}
