package org.omnisila.app.workbench.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;

/**
 * What the timeline draws, taken out of a {@link VideoAnalysis} once: located sentiments and segments sorted by
 * start with their {@link SpanIndex}, and per segment the four routing weights and the top label's probability
 * in plain arrays, so that drawing a frame does no map look-ups or label searches.
 */
public final class TimelineData {
    private final VideoAnalysis analysis;
    private final double duration;
    private final List<LocatedSentiment> located;
    private final SpanIndex locatedIndex;
    private final List<SegmentResult> segments;
    private final SpanIndex segmentIndex;
    /** routing[scene.ordinal()][i]; NaN where segment i has no routing. */
    private final double[][] routing;
    private final String[] topLabel;
    private final double[] topProbability;

    public TimelineData(VideoAnalysis analysis) {
        this.analysis = analysis;
        located = new ArrayList<>(analysis.located());
        located.sort(Comparator.comparingDouble(LocatedSentiment::start));
        segments = new ArrayList<>(analysis.segments());
        segments.sort(Comparator.comparingDouble(SegmentResult::start));
        double last = analysis.video().duration();
        for (LocatedSentiment l : located) {
            last = Math.max(last, l.end());
        }
        for (SegmentResult s : segments) {
            last = Math.max(last, s.end());
        }
        duration = last;
        locatedIndex = new SpanIndex(located.stream().mapToDouble(LocatedSentiment::start).toArray(),
                located.stream().mapToDouble(LocatedSentiment::end).toArray());
        segmentIndex = new SpanIndex(segments.stream().mapToDouble(SegmentResult::start).toArray(),
                segments.stream().mapToDouble(SegmentResult::end).toArray());
        int n = segments.size();
        routing = new double[Scene.values().length][n];
        topLabel = new String[n];
        topProbability = new double[n];
        for (int i = 0; i < n; i++) {
            SegmentResult s = segments.get(i);
            for (Scene scene : Scene.values()) {
                routing[scene.ordinal()][i] = s.routing() == null ? Double.NaN : s.routing().get(scene);
            }
            topLabel[i] = s.topLabel();
            topProbability[i] = s.sentimentScores().get(topLabel[i]);
        }
    }

    public VideoAnalysis analysis() {
        return analysis;
    }

    /** @return seconds of video: the video's duration, or the last span's end if that is later */
    public double duration() {
        return duration;
    }

    /** @return the located sentiments sorted by start */
    public List<LocatedSentiment> located() {
        return located;
    }

    public SpanIndex locatedIndex() {
        return locatedIndex;
    }

    /** @return the segments sorted by start */
    public List<SegmentResult> segments() {
        return segments;
    }

    public SpanIndex segmentIndex() {
        return segmentIndex;
    }

    /** @return the routing weight of a scene in the i-th segment (by start), NaN without routing */
    public double routing(Scene scene, int i) {
        return routing[scene.ordinal()][i];
    }

    public String topLabel(int i) {
        return topLabel[i];
    }

    public double topProbability(int i) {
        return topProbability[i];
    }
}
