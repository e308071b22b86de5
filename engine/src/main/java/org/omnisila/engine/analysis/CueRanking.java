package org.omnisila.engine.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.omnisila.engine.api.Cue;
import org.omnisila.engine.scene.SceneFeatures;

/**
 * Turns one segment's cue-slot weights (supporting relevance, {@code CueAttribution.slotWeights}) into the
 * ranked {@link Cue}s of a scene: filled slots only, positive weight only, most decisive first.
 */
final class CueRanking {
    private CueRanking() {
    }

    /**
     * @param features   the scene's features of the segment, with a cue (or null) per frame and slot
     * @param weights    weights[t][k] of this segment, for the model's T frames
     * @param frameTimes the sampled frames' timestamps, seconds
     * @param total      the segment's weight summed over all scenes' slots; weights are divided by it, so that
     *                   cue weights are shares of the segment's supporting relevance
     * @param limit      at most this many cues
     */
    static List<Cue> rank(SceneFeatures features, float[][] weights, double[] frameTimes, double total, int limit) {
        record Candidate(SceneFeatures.SlotCue cue, double time, double weight) {
        }
        List<Candidate> candidates = new ArrayList<>();
        int frames = features.frames();
        for (int t = 0; t < weights.length; t++) {
            int f = Math.min(t, frames - 1);
            if (t > f) {
                break; // the model repeated the last frame: its weight belongs to the same cues, counted once
            }
            List<SceneFeatures.SlotCue> slots = features.cues().get(f);
            for (int k = 0; k < weights[t].length && k < slots.size(); k++) {
                SceneFeatures.SlotCue cue = slots.get(k);
                if (cue != null && weights[t][k] > 0) {
                    candidates.add(new Candidate(cue, frameTimes[Math.min(f, frameTimes.length - 1)],
                            weights[t][k] / total));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::weight).reversed());
        List<Cue> out = new ArrayList<>();
        for (Candidate c : candidates.subList(0, Math.min(limit, candidates.size()))) {
            out.add(new Cue(c.cue().text(), Math.max(0, c.time()), c.cue().box(), c.weight()));
        }
        return out;
    }
}
