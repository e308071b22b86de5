package org.omnisila.app.workbench.overlay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.omnisila.engine.scene.export.SceneCueFile.FrameCues;
import org.omnisila.engine.scene.export.SceneCueFile.SegmentCues;

/**
 * The scene cues recorded on a video's sampled frames, sorted by the frames' times, looked up by playback time:
 * {@link #at(double)} gives the sampled frame nearest to a time when it is within half its segment's frame
 * spacing (segment length / frames in it), so between two sampled frames the nearer one shows and far from any
 * (a gap the sampler skipped) none does. Immutable.
 */
public final class CueTrack {
    /** A track with no frames. */
    public static final CueTrack EMPTY = new CueTrack(List.of());

    private record Entry(double time, double reach, FrameCues frame) {
    }

    private final List<Entry> entries;

    private CueTrack(List<Entry> entries) {
        this.entries = entries;
    }

    /** @param segments the recorder's segments (any order); each frame keeps half its segment's frame spacing */
    public static CueTrack of(List<SegmentCues> segments) {
        List<Entry> all = new ArrayList<>();
        for (SegmentCues s : segments) {
            if (s.frames().isEmpty()) {
                continue;
            }
            double reach = Math.max(0, s.end() - s.start()) / s.frames().size() / 2;
            for (FrameCues f : s.frames()) {
                all.add(new Entry(f.time(), reach, f));
            }
        }
        all.sort(Comparator.comparingDouble(Entry::time));
        return new CueTrack(List.copyOf(all));
    }

    /** @return the sampled frame nearest to {@code t} seconds, if within half its segment's frame spacing */
    public Optional<FrameCues> at(double t) {
        if (entries.isEmpty() || !Double.isFinite(t)) {
            return Optional.empty();
        }
        int lo = 0;
        int hi = entries.size() - 1;
        while (lo < hi) { // first entry with time >= t, or the last
            int mid = (lo + hi) >>> 1;
            if (entries.get(mid).time() < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        Entry best = entries.get(lo);
        if (lo > 0) {
            Entry before = entries.get(lo - 1);
            if (Math.abs(t - before.time()) <= Math.abs(best.time() - t)) {
                best = before;
            }
        }
        return Math.abs(best.time() - t) <= best.reach() + 1e-9 ? Optional.of(best.frame()) : Optional.empty();
    }

    /** @return how many sampled frames */
    public int size() {
        return entries.size();
    }
}
