package org.omnisila.app.workbench.overlay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.omnisila.engine.scene.export.PersonMask;
import org.omnisila.engine.scene.export.SceneCueFile.FrameCues;
import org.omnisila.engine.scene.export.SceneCueFile.SegmentCues;

/**
 * The scene cues recorded on a video's sampled frames, with each frame's person mask when one was kept, sorted by
 * the frames' times, looked up by playback time: {@link #at(double)} gives the sampled frame nearest to a time when
 * it is within half its segment's frame spacing (segment length / frames in it), so between two sampled frames
 * the nearer one shows and far from any (a gap the sampler skipped) none does. Immutable.
 */
public final class CueTrack {
    /** A track with no frames. */
    public static final CueTrack EMPTY = new CueTrack(List.of());

    /**
     * A sampled frame: its place in the plan.
     *
     * @param segment the segment's index
     * @param frame   the frame's index in its segment
     */
    public record FrameRef(int segment, int frame) {
    }

    /**
     * What was recorded on one sampled frame.
     *
     * @param cues what the extractors saw
     * @param mask its person mask, or null when none was kept
     */
    public record Sample(FrameCues cues, PersonMask mask) {
    }

    private record Entry(double time, double reach, Sample sample) {
    }

    private final List<Entry> entries;

    private CueTrack(List<Entry> entries) {
        this.entries = entries;
    }

    /** @param segments the recorder's segments (any order), without masks */
    public static CueTrack of(List<SegmentCues> segments) {
        return of(segments, Map.of());
    }

    /**
     * @param segments the recorder's segments (any order); each frame keeps half its segment's frame spacing
     * @param masks    the person masks kept, by frame; frames without one have none
     */
    public static CueTrack of(List<SegmentCues> segments, Map<FrameRef, PersonMask> masks) {
        List<Entry> all = new ArrayList<>();
        for (SegmentCues s : segments) {
            if (s.frames().isEmpty()) {
                continue;
            }
            double reach = Math.max(0, s.end() - s.start()) / s.frames().size() / 2;
            for (FrameCues f : s.frames()) {
                all.add(new Entry(f.time(), reach, new Sample(f, masks.get(new FrameRef(s.index(), f.index())))));
            }
        }
        all.sort(Comparator.comparingDouble(Entry::time));
        return new CueTrack(List.copyOf(all));
    }

    /** @return the sampled frame nearest to {@code t} seconds, if within half its segment's frame spacing */
    public Optional<Sample> at(double t) {
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
        return Math.abs(best.time() - t) <= best.reach() + 1e-9 ? Optional.of(best.sample()) : Optional.empty();
    }

    /** @return how many sampled frames */
    public int size() {
        return entries.size();
    }

    /** @return how many sampled frames have a person mask */
    public int masks() {
        return (int) entries.stream().filter(e -> e.sample().mask() != null).count();
    }
}
