package org.omnisila.annotator.project;

import java.util.Locale;

/** What an audit log entry records. */
public enum AuditAction {
    /** A field of an item was edited. */
    EDIT,
    /** An edit was undone: the entry's new value is the one restored. */
    UNDO,
    /** An undone edit was made again. */
    REDO,
    /** A video's path was changed by relinking. */
    RELINK;

    /** The stored name: {@code "edit"}, {@code "undo"}, ... */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AuditAction of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
