package org.omnisila.annotator.project;

import java.util.Locale;

/** Where an item came from. */
public enum ItemSource {
    /** A machine attribution (GPT-4V or similar) imported from the attribution lines format. */
    ATTRIBUTION,
    /** A ground-truth segment imported from an ActivityNet-layout file. */
    GROUND_TRUTH,
    /** A located sentiment of a model's result JSON. */
    PREDICTION;

    private final String dbName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The name stored in the project: {@code "attribution"}, {@code "ground-truth"}, {@code "prediction"}. */
    public String dbName() {
        return dbName;
    }

    /** @throws IllegalArgumentException for a name {@link #dbName()} does not write */
    public static ItemSource of(String name) {
        for (ItemSource source : values()) {
            if (source.dbName().equals(name)) {
                return source;
            }
        }
        throw new IllegalArgumentException("unknown item source \"" + name + "\"");
    }
}
