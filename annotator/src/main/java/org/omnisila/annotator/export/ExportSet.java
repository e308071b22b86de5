package org.omnisila.annotator.export;

import java.util.Locale;

/** A data set an export can write (docs/annotation-guide.md, "Exports"). */
public enum ExportSet {
    /** Paper stage 1: "Please describe the ..." instructions, one per reviewed scene aspect. */
    SCENE_TUNING,
    /** Paper stage 2: identify, locate and attribute instructions per item. */
    OMNISILA_TUNING,
    /** The scene-feature data set the embedded model trains on ({@code omnisila train --data}). */
    SCENE_FEATURES;

    private final String cliName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The name on the command line and of its folder in the export: {@code scene-tuning}, ... */
    public String cliName() {
        return cliName;
    }

    /**
     * @param name a name as {@link #cliName()} writes it (any case)
     * @throws IllegalArgumentException for any other name, listing the allowed ones
     */
    public static ExportSet of(String name) {
        for (ExportSet set : values()) {
            if (set.cliName.equalsIgnoreCase(name.trim())) {
                return set;
            }
        }
        throw new IllegalArgumentException("unknown data set \"" + name
                + "\"; expected scene-tuning, omnisila-tuning or scene-features");
    }
}
