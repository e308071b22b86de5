package org.omnisila.engine.train;

import java.util.ArrayList;
import java.util.List;
import org.omnisila.engine.analysis.CollectedSegment;
import org.omnisila.engine.analysis.CollectedVideo;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.data.SceneDataset;
import org.omnisila.engine.data.SceneSegment;
import org.omnisila.engine.data.SceneVideo;
import org.omnisila.engine.scene.SceneFeatures;

/**
 * A scene-feature data set from real footage, labelled by {@link ExpressionTeacher}: each segment gets the
 * teacher's label, and each run of consecutive positive or negative segments becomes an event for the
 * localisation head.
 */
public final class DistilledDataset {
    private final String name;
    private final List<Integer> widths;
    private final int frames;
    private final List<SceneVideo> videos = new ArrayList<>();

    /**
     * @param widths the extractors' widths, face first
     * @param frames frames per segment
     */
    public DistilledDataset(String name, List<Integer> widths, int frames) {
        this.name = name;
        this.widths = List.copyOf(widths);
        this.frames = frames;
    }

    /**
     * Adds one video's segments; segments with another frame count than the plan's (none in practice) are
     * left out.
     *
     * @return the video as added
     */
    public SceneVideo add(String id, String subset, double duration, CollectedVideo collected) {
        List<SceneSegment> segments = new ArrayList<>();
        for (CollectedSegment c : collected.segments()) {
            float[][] features = new float[4][];
            boolean complete = true;
            for (int j = 0; j < 4; j++) {
                SceneFeatures f = c.scenes().get(j);
                complete &= f.frames() == frames;
                features[j] = flatten(f.values());
            }
            if (complete) {
                segments.add(new SceneSegment(c.segment().start(), c.segment().end(),
                        ExpressionTeacher.label(c.scenes().get(0).values()), features));
            }
        }
        SceneVideo video = new SceneVideo(id, subset, duration, segments, events(segments));
        videos.add(video);
        return video;
    }

    public SceneDataset build() {
        return new SceneDataset(name, widths, frames, SentimentLabels.EXPLICIT, videos);
    }

    static List<SceneVideo.Event> events(List<SceneSegment> segments) {
        List<SceneVideo.Event> events = new ArrayList<>();
        SceneSegment first = null;
        SceneSegment last = null;
        for (SceneSegment s : segments) {
            boolean continues = last != null && s.label().equals(last.label()) && s.start() - last.end() < 1e-6;
            if (!continues) {
                close(first, last, events);
                first = s;
            }
            last = s;
        }
        close(first, last, events);
        return events;
    }

    private static void close(SceneSegment first, SceneSegment last, List<SceneVideo.Event> events) {
        if (first != null && !"neutral".equals(first.label())) {
            events.add(new SceneVideo.Event(first.start(), last.end(), first.label()));
        }
    }

    private static float[] flatten(float[][] rows) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int t = 0; t < rows.length; t++) {
            System.arraycopy(rows[t], 0, flat, t * width, width);
        }
        return flat;
    }
}
