package org.omnisila.engine.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A ground-truth file in the ActivityNet layout: videos in file order.
 *
 * @param source where it was read from (a file name), for messages
 * @param videos videos by id, in file order
 */
public record GroundTruth(String source, Map<String, GroundTruthVideo> videos) {
    public GroundTruth {
        videos = Collections.unmodifiableMap(new LinkedHashMap<>(videos));
    }

    /** The videos of one subset; {@code null} keeps every video. */
    public GroundTruth subset(String subset) {
        if (subset == null) {
            return this;
        }
        Map<String, GroundTruthVideo> kept = new LinkedHashMap<>();
        videos.forEach((id, v) -> {
            if (subset.equals(v.subset())) {
                kept.put(id, v);
            }
        });
        return new GroundTruth(source, kept);
    }

    /** Labels of the annotated segments in order of first appearance (the reference evaluator's class index). */
    public List<String> labels() {
        Set<String> labels = new LinkedHashSet<>();
        for (GroundTruthVideo v : videos.values()) {
            for (GroundTruthSegment s : v.segments()) {
                labels.add(s.label());
            }
        }
        return new ArrayList<>(labels);
    }

    public int segmentCount() {
        int n = 0;
        for (GroundTruthVideo v : videos.values()) {
            n += v.segments().size();
        }
        return n;
    }

    /** Subset names with their video counts, in order of first appearance. */
    public Map<String, Integer> subsetCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (GroundTruthVideo v : videos.values()) {
            counts.merge(String.valueOf(v.subset()), 1, Integer::sum);
        }
        return counts;
    }
}
