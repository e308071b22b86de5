package org.omnisila.engine.api;

/** Placeholder replaced by the result-model branch on merge. */
public final class SentimentLabels {
    private SentimentLabels() {
    }

    public static String canonical(String label) {
        if (label == null) {
            return null;
        }
        String l = label.trim();
        if (l.equalsIgnoreCase("p")) {
            return "positive";
        }
        if (l.equalsIgnoreCase("n")) {
            return "negative";
        }
        return l;
    }
}
