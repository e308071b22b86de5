package org.omnisila.engine.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small ground truths and predictions in code for hand-worked tests. */
final class Fixtures {
    private final Map<String, List<GroundTruthSegment>> gt = new LinkedHashMap<>();
    private final Map<String, List<PredictedSegment>> preds = new LinkedHashMap<>();
    private final Map<String, String> videoLabels = new LinkedHashMap<>();
    private final Map<String, double[]> timing = new LinkedHashMap<>();

    Fixtures video(String id) {
        gt.computeIfAbsent(id, k -> new ArrayList<>());
        return this;
    }

    Fixtures video(String id, double duration, double fps) {
        timing.put(id, new double[] {duration, fps});
        return video(id);
    }

    Fixtures truth(String video, double start, double end, String label) {
        gt.computeIfAbsent(video, k -> new ArrayList<>()).add(new GroundTruthSegment(start, end, label, null, 0));
        return this;
    }

    Fixtures truth(String video, double start, double end, String label, String attribution) {
        gt.computeIfAbsent(video, k -> new ArrayList<>())
                .add(new GroundTruthSegment(start, end, label, attribution, 0));
        return this;
    }

    Fixtures pred(String video, double start, double end, String label, double score) {
        preds.computeIfAbsent(video, k -> new ArrayList<>()).add(new PredictedSegment(start, end, label, score));
        return this;
    }

    Fixtures pred(PredictedSegment p, String video) {
        preds.computeIfAbsent(video, k -> new ArrayList<>()).add(p);
        return this;
    }

    Fixtures videoLabel(String video, String label) {
        videoLabels.put(video, label);
        return this;
    }

    GroundTruth groundTruth() {
        Map<String, GroundTruthVideo> videos = new LinkedHashMap<>();
        gt.forEach((id, segs) -> {
            double[] t = timing.getOrDefault(id, new double[] {Double.NaN, Double.NaN});
            videos.put(id, new GroundTruthVideo(id, "test", segs, null, t[0], t[1], 0));
        });
        return new GroundTruth("gt", videos);
    }

    Predictions predictions() {
        return new Predictions("pred", preds, videoLabels);
    }
}
