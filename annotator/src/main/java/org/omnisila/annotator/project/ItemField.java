package org.omnisila.annotator.project;

import java.util.Locale;
import java.util.Objects;
import org.omnisila.engine.api.Scene;

/**
 * A field of an item that the annotator may edit, with its column and the values it accepts. Values are given
 * and returned as their stored type: {@code Double} seconds for {@link #START} and {@link #END}, {@code String}
 * texts, an {@link ItemState} (or its name) for {@link #STATE} and the four aspect states ({@link #FACE_STATE},
 * ...), an {@code Integer} 1-6 or null for {@link #RATING}.
 */
public enum ItemField {
    START("start_s", Kind.TIME),
    END("end_s", Kind.TIME),
    LABEL("label", Kind.TEXT),
    FACE("face", Kind.TEXT),
    ACTION("action", Kind.TEXT),
    OBJECT("object", Kind.TEXT),
    BACKGROUND("background", Kind.TEXT),
    SUMMARY("summary", Kind.TEXT),
    STATE("state", Kind.STATE),
    RATING("rating", Kind.RATING),
    /** The review state of the facial-expression aspect (schema 2). */
    FACE_STATE("face_state", Kind.STATE),
    /** The review state of the human-action aspect (schema 2). */
    ACTION_STATE("action_state", Kind.STATE),
    /** The review state of the object-relations aspect (schema 2). */
    OBJECT_STATE("object_state", Kind.STATE),
    /** The review state of the visual-background aspect (schema 2). */
    BACKGROUND_STATE("background_state", Kind.STATE);

    private enum Kind { TIME, TEXT, STATE, RATING }

    private final String column;
    private final Kind kind;

    ItemField(String column, Kind kind) {
        this.column = column;
        this.kind = kind;
    }

    /** The column of the items table. */
    String column() {
        return column;
    }

    /** The field's name in the edit history and the audit log: {@code "start"}, {@code "summary"}, ... */
    public String fieldName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The field holding the text of one scene aspect: {@link #FACE}, {@link #ACTION}, ... */
    public static ItemField text(Scene scene) {
        return switch (scene) {
            case FACE -> FACE;
            case ACTION -> ACTION;
            case OBJECT -> OBJECT;
            case BACKGROUND -> BACKGROUND;
        };
    }

    /** The field holding the review state of one scene aspect: {@link #FACE_STATE}, ... */
    public static ItemField state(Scene scene) {
        return switch (scene) {
            case FACE -> FACE_STATE;
            case ACTION -> ACTION_STATE;
            case OBJECT -> OBJECT_STATE;
            case BACKGROUND -> BACKGROUND_STATE;
        };
    }

    /** @throws IllegalArgumentException for a name {@link #fieldName()} does not write */
    public static ItemField of(String name) {
        for (ItemField field : values()) {
            if (field.fieldName().equals(name)) {
                return field;
            }
        }
        throw new IllegalArgumentException("unknown item field \"" + name + "\"");
    }

    /**
     * The value as it is stored, checked.
     *
     * @throws IllegalArgumentException when the value is not one this field accepts, saying which are
     */
    Object toStored(Object value) {
        switch (kind) {
            case TIME -> {
                if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())
                        || number.doubleValue() < 0) {
                    throw new IllegalArgumentException(fieldName() + " must be a time in seconds, 0 or more, but was "
                            + value);
                }
                return number.doubleValue();
            }
            case TEXT -> {
                if (value != null && !(value instanceof String)) {
                    throw new IllegalArgumentException(fieldName() + " must be a text, but was " + value);
                }
                return value;
            }
            case STATE -> {
                if (value instanceof ItemState state) {
                    return state.dbName();
                }
                if (value instanceof String name) {
                    return ItemState.of(name).dbName();
                }
                throw new IllegalArgumentException(fieldName()
                        + " must be unreviewed, accepted, edited or rejected, but was " + value);
            }
            default -> {
                if (value == null) {
                    return null;
                }
                // Long as well: SQLite hands back stored whole numbers as either.
                boolean whole = value instanceof Integer || value instanceof Long;
                if (!whole || ((Number) value).longValue() < 1 || ((Number) value).longValue() > 6) {
                    throw new IllegalArgumentException("rating must be a whole number from 1 to 6 (or none), but was "
                            + value);
                }
                return ((Number) value).intValue();
            }
        }
    }

    /** Whether two stored values are the same (numbers by value: SQLite may hand back 2 for 2.0). */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    /** A stored value as the audit log shows it: numbers and texts as written, null as null. */
    static String display(Object stored) {
        return stored == null ? null : stored.toString();
    }
}
