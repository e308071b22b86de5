package org.omnisila.app.workbench.timeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.paint.Color;
import org.omnisila.engine.api.Scene;

/**
 * The fixed colours of the timeline, chosen to stay apart for the common colour-vision deficiencies: the
 * Okabe-Ito palette (Okabe and Ito 2008, "Color Universal Design") for the explicit labels and the scenes, and
 * Paul Tol's "muted" and "light" qualitative schemes (personal.sron.nl/~pault) for the twelve implicit labels.
 * Fifteen colours cannot all be told apart by colour alone, so each bar also carries its label's name where it
 * is wide enough and the hover line names it always.
 */
public final class LabelPalette {
    /** Colour of a label the palette does not know (a model trained on other labels). */
    public static final Color OTHER = Color.web("#777777");

    private static final Map<String, Color> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("positive", Color.web("#009E73"));   // Okabe-Ito bluish green
        LABELS.put("negative", Color.web("#D55E00"));   // vermillion
        LABELS.put("neutral", Color.web("#999999"));    // grey
        LABELS.put("Fighting", Color.web("#882255"));   // Tol muted wine
        LABELS.put("Animals Hurting People", Color.web("#AA4499")); // purple
        LABELS.put("Water Incidents", Color.web("#88CCEE")); // cyan
        LABELS.put("Vandalism", Color.web("#332288"));  // indigo
        LABELS.put("Traffic Accidents", Color.web("#CC6677")); // rose
        LABELS.put("Robbery", Color.web("#117733"));    // green
        LABELS.put("Theft", Color.web("#44AA99"));      // teal
        LABELS.put("Traffic Violations", Color.web("#DDCC77")); // sand
        LABELS.put("Fire", Color.web("#EE8866"));       // Tol light orange
        LABELS.put("Pedestrian Incidents", Color.web("#999933")); // olive
        LABELS.put("Forbidden to Burn", Color.web("#EEDD88")); // light yellow
        LABELS.put("Normal", Color.web("#DDDDDD"));     // pale grey
    }

    private LabelPalette() {
    }

    /** @return the colour of a label, {@link #OTHER} for unknown ones */
    public static Color of(String label) {
        return LABELS.getOrDefault(label, OTHER);
    }

    /** @return every known label with its colour, explicit labels first (for the legend) */
    public static Map<String, Color> labels() {
        return Collections.unmodifiableMap(LABELS);
    }

    /** @return the colour of a scene in the routing band (Okabe-Ito orange, blue, reddish purple, yellow) */
    public static Color of(Scene scene) {
        return switch (scene) {
            case FACE -> Color.web("#E69F00");
            case ACTION -> Color.web("#0072B2");
            case OBJECT -> Color.web("#CC79A7");
            case BACKGROUND -> Color.web("#F0E442");
        };
    }

    /** @return black or white, whichever reads better on the given colour */
    public static Color textOn(Color fill) {
        double luminance = 0.2126 * fill.getRed() + 0.7152 * fill.getGreen() + 0.0722 * fill.getBlue();
        return luminance > 0.55 ? Color.BLACK : Color.WHITE;
    }
}
