package org.omnisila.engine.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The validation rules shared by the result records. Every failure is a
 * {@link ResultValidationException} naming the field and the offending value.
 */
final class Checks {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Checks() {
    }

    static ResultValidationException invalid(String field, String message) {
        return new ResultValidationException(field, message);
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw invalid(field, field + " is required but was null");
        }
        return value;
    }

    /** A non-null string with at least one non-whitespace character. */
    static String nonBlank(String field, String value) {
        required(field, value);
        if (value.isBlank()) {
            throw invalid(field, field + " must not be blank but was \"" + value + "\"");
        }
        return value;
    }

    /** Null, or 64 lowercase hexadecimal digits. */
    static String sha256OrNull(String field, String value) {
        if (value != null && !SHA256.matcher(value).matches()) {
            throw invalid(field, field + " must be 64 lowercase hexadecimal digits (SHA-256) but was \""
                    + value + "\"");
        }
        return value;
    }

    static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw invalid(field, field + " must be a finite number but was " + value);
        }
        return value;
    }

    static double nonNegative(String field, double value) {
        finite(field, value);
        if (value < 0) {
            throw invalid(field, field + " must be >= 0 but was " + value);
        }
        return value;
    }

    static double positive(String field, double value) {
        finite(field, value);
        if (value <= 0) {
            throw invalid(field, field + " must be > 0 but was " + value);
        }
        return value;
    }

    static int nonNegative(String field, int value) {
        if (value < 0) {
            throw invalid(field, field + " must be >= 0 but was " + value);
        }
        return value;
    }

    static int positive(String field, int value) {
        if (value <= 0) {
            throw invalid(field, field + " must be > 0 but was " + value);
        }
        return value;
    }

    /** A finite number in the closed interval [low, high]. */
    static double inRange(String field, double value, double low, double high) {
        finite(field, value);
        if (value < low || value > high) {
            throw invalid(field, field + " " + value + " is outside [" + fmt(low) + ", " + fmt(high) + "]");
        }
        return value;
    }

    /** A time interval in seconds: both finite, start >= 0, end >= start. */
    static void interval(double start, double end) {
        nonNegative("start", start);
        nonNegative("end", end);
        if (end < start) {
            throw invalid("end", "end " + end + " is before start " + start);
        }
    }

    /** An unmodifiable copy of a list, rejecting a null list and null elements with the element's index. */
    static <T> List<T> listCopy(String field, List<T> list) {
        required(field, list);
        List<T> copy = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            copy.add(required(field + "[" + i + "]", list.get(i)));
        }
        return Collections.unmodifiableList(copy);
    }

    /**
     * An unmodifiable copy of a map that keeps the source's iteration order (so that JSON is written
     * in the same order every time), rejecting null or blank keys and null values.
     */
    static <V> Map<String, V> mapCopy(String field, Map<String, V> map) {
        required(field, map);
        Map<String, V> copy = new LinkedHashMap<>();
        for (Map.Entry<String, V> e : map.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isBlank()) {
                throw invalid(field, field + " has a " + (key == null ? "null" : "blank") + " key");
            }
            copy.put(key, required(field + "." + key, e.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static String fmt(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }
}
