package org.omnisila.engine.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Predictions in the ActivityNet {@code results} layout, plus optional video-level labels.
 *
 * @param source      where they were read from, for messages
 * @param byVideo     predicted segments per video id, in file order
 * @param videoLabels video-level identification labels where the file states them ({@code "identification"})
 */
public record Predictions(String source, Map<String, List<PredictedSegment>> byVideo, Map<String, String> videoLabels) {
    public Predictions {
        Map<String, List<PredictedSegment>> copy = new LinkedHashMap<>();
        byVideo.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        byVideo = Collections.unmodifiableMap(copy);
        videoLabels = Collections.unmodifiableMap(new LinkedHashMap<>(videoLabels));
    }

    public List<PredictedSegment> of(String videoId) {
        return byVideo.getOrDefault(videoId, List.of());
    }

    public int segmentCount() {
        int n = 0;
        for (List<PredictedSegment> l : byVideo.values()) {
            n += l.size();
        }
        return n;
    }
}
