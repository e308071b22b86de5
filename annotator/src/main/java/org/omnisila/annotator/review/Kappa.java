package org.omnisila.annotator.review;

import java.util.Locale;

/**
 * A kappa statistic (Cohen's or Fleiss'), or why it is undefined: never NaN.
 *
 * @param value     the statistic, in [-1, 1]; null when undefined
 * @param items     how many items it was computed over
 * @param undefined why there is no value (no common items, one rater, every judgement in one category); null when
 *                  there is one
 */
public record Kappa(Double value, int items, String undefined) {

    /** Checks that exactly one of value and reason is given. */
    public Kappa {
        if ((value == null) == (undefined == null)) {
            throw new IllegalArgumentException("a kappa has either a value or a reason it is undefined");
        }
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException("a kappa must be a finite number, but was " + value);
        }
    }

    static Kappa of(double value, int items) {
        return new Kappa(value, items, null);
    }

    static Kappa undefined(int items, String why) {
        return new Kappa(null, items, why);
    }

    /** Whether there is a value. */
    public boolean defined() {
        return value != null;
    }

    /** For a table: {@code 0.400 (50 items)} or {@code undefined: ...}. */
    public String describe() {
        return defined() ? String.format(Locale.ROOT, "%.3f (%d %s)", value, items, items == 1 ? "item" : "items")
                : "undefined: " + undefined;
    }
}
