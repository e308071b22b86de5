package org.omnisila.engine.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.omnisila.engine.api.Cue;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.api.SegmentResult;

/**
 * The attribution sentence of a segment, composed from the small model's structured outputs (it generates no
 * text): the top label, the scene the router listened to most, the scene whose removal changes the decision
 * most, and the strongest cues. The wording is fixed so that analysts learn to read it; the full model's
 * generated text replaces it.
 */
final class AttributionText {
    private AttributionText() {
    }

    static String compose(SegmentResult r) {
        String top = r.topLabel();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s (%.2f).", top,
                r.sentimentScores().get(top)));
        if (r.routing() != null) {
            Scene most = Scene.FACE;
            for (Scene s : Scene.values()) {
                most = r.routing().get(s) > r.routing().get(most) ? s : most;
            }
            b.append(String.format(Locale.ROOT, " Listened most to %s cues (%.0f%%).", most.jsonName(),
                    100 * r.routing().get(most)));
        }
        if (r.causalEffect() != null) {
            Scene decisive = Scene.FACE;
            for (Scene s : Scene.values()) {
                decisive = r.causalEffect().get(s) > r.causalEffect().get(decisive) ? s : decisive;
            }
            double effect = r.causalEffect().get(decisive);
            if (effect > 0.005) {
                b.append(String.format(Locale.ROOT, " Without the %s cues the score drops by %.2f.",
                        decisive.jsonName(), effect));
            }
        }
        List<Cue> cues = new ArrayList<>();
        for (Scene s : Scene.values()) {
            cues.addAll(r.cues().get(s));
        }
        cues.sort(Comparator.comparingDouble(Cue::weight).reversed());
        if (!cues.isEmpty()) {
            b.append(" Strongest cues: ");
            for (int i = 0; i < Math.min(3, cues.size()); i++) {
                b.append(i > 0 ? "; " : "").append(String.format(Locale.ROOT, "%s at %.1f s", cues.get(i).text(),
                        cues.get(i).time()));
            }
            b.append('.');
        }
        return b.toString();
    }
}
