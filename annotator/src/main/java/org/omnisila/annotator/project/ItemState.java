package org.omnisila.annotator.project;

import java.util.Locale;

/** Where an item is in its review. */
public enum ItemState {
    /** Imported, not looked at yet. */
    UNREVIEWED,
    /** Checked and kept as it is. */
    ACCEPTED,
    /** Checked and corrected. */
    EDITED,
    /** Checked and found wrong: kept for the record, left out of exported data sets. */
    REJECTED;

    private final String dbName = name().toLowerCase(Locale.ROOT);

    /** The name stored in the project and shown in the audit log: {@code "unreviewed"}, ... */
    public String dbName() {
        return dbName;
    }

    /**
     * @param name a stored name, as {@link #dbName()} writes it
     * @throws IllegalArgumentException for any other name, listing the allowed ones
     */
    public static ItemState of(String name) {
        for (ItemState state : values()) {
            if (state.dbName().equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown review state \"" + name
                + "\"; expected unreviewed, accepted, edited or rejected");
    }
}
