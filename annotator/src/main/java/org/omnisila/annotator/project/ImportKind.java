package org.omnisila.annotator.project;

/** What kind of file an import read, as recorded in the project. */
public enum ImportKind {
    /** Machine attributions, one JSON object per line (docs/formats.md). */
    ATTRIBUTIONS("attributions"),
    /** Ground truth in the ActivityNet layout. */
    GROUND_TRUTH("ground-truth"),
    /** An Omni-SILA result JSON. */
    RESULT("result");

    private final String dbName;

    ImportKind(String dbName) {
        this.dbName = dbName;
    }

    /** The stored name. */
    public String dbName() {
        return dbName;
    }
}
