package org.omnisila.engine.api;

import java.util.List;
import java.util.Locale;

/**
 * The sentiment label sets of Omni-SILA (paper section 4.1: TSL-300's three explicit types and
 * the twelve implicit types of the surveillance data) and the mapping from the short labels
 * some data sets use to the canonical names used in results.
 */
public final class SentimentLabels {

    /** Explicit sentiment, carried by facial expression (TSL-300 and similar). */
    public static final List<String> EXPLICIT = List.of("positive", "negative", "neutral");

    /** Implicit sentiment, carried by actions, objects and background (surveillance events). */
    public static final List<String> IMPLICIT = List.of(
            "Fighting", "Animals Hurting People", "Water Incidents", "Vandalism", "Traffic Accidents",
            "Robbery", "Theft", "Traffic Violations", "Fire", "Pedestrian Incidents", "Forbidden to Burn",
            "Normal");

    private SentimentLabels() {
    }

    /**
     * The canonical name of a label: TSL-300's {@code "p"} and {@code "n"} become
     * {@code "positive"} and {@code "negative"}, and the explicit labels are matched ignoring case
     * ({@code "Neutral"} becomes {@code "neutral"}); any other label is returned unchanged.
     *
     * @param label a label as found in a data set; not null
     * @return the canonical label
     * @throws IllegalArgumentException if label is null
     */
    public static String canonical(String label) {
        if (label == null) {
            throw new IllegalArgumentException("label is required but was null");
        }
        String lower = label.trim().toLowerCase(Locale.ROOT);
        switch (lower) {
            case "p":
                return "positive";
            case "n":
                return "negative";
            default:
                return EXPLICIT.contains(lower) ? lower : label;
        }
    }
}
