package org.omnisila.app.workbench.segment;

import java.util.Locale;
import org.omnisila.engine.api.Scene;

/**
 * The causal effect of one scene in plain words. The engine's number is p(top) - p(top | do(x_j := E[x_j]))
 * (docs/formats.md, {@code causalEffect}): a positive effect means that replacing the scene by its dictionary
 * average <i>lowers</i> the probability of the top label, i.e. the scene pushed towards that label.
 */
public final class CausalEffectSentence {
    /** Effects smaller than this (in absolute value) are reported as no change at two decimals. */
    public static final double NEGLIGIBLE = 0.005;

    private CausalEffectSentence() {
    }

    /**
     * @param scene  the scene intervened on
     * @param effect p(top) - p(top | do(scene := average))
     * @param label  the top label the effect refers to
     * @return e.g. "replacing the action scene by its average lowers the probability of 'negative' by 0.21"
     */
    public static String of(Scene scene, double effect, String label) {
        String what = "replacing the " + scene.jsonName() + " scene by its average ";
        if (Math.abs(effect) < NEGLIGIBLE) {
            return what + "leaves the probability of '" + label + "' unchanged";
        }
        return what + (effect > 0 ? "lowers" : "raises") + " the probability of '" + label + "' by "
                + String.format(Locale.ROOT, "%.2f", Math.abs(effect));
    }
}
