package org.omnisila.app.workbench.timeline;

import java.util.Locale;

/**
 * Where the time ruler puts its labelled ticks and how it writes them: the smallest "round" step (1, 2, 5 x a
 * power of ten below a second; 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, ... h above) whose labels
 * are far enough apart not to overlap at the given scale. Pure, tested without JavaFX.
 */
public final class TimeTicks {
    /** Average advance of one label character at the ruler's font size, pixels (generous for 11 px fonts). */
    public static final double CHAR_WIDTH = 7;
    /** Free space between two labels, pixels. */
    public static final double GAP = 16;

    private static final double[] ROUND = {
        0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
        3600, 7200, 10800, 21600, 43200, 86400};

    private TimeTicks() {
    }

    /**
     * @param scale the current mapping
     * @return seconds between labelled ticks: the smallest round step whose labels do not overlap
     */
    public static double step(TimeScale scale) {
        for (double step : ROUND) {
            if (step * scale.pixelsPerSecond() >= labelWidth(step, scale.duration()) + GAP) {
                return step;
            }
        }
        return ROUND[ROUND.length - 1] * Math.ceil(scale.duration() / ROUND[ROUND.length - 1]);
    }

    /** @return the widest label of a video this long at this step, pixels (estimated) */
    static double labelWidth(double step, double duration) {
        return CHAR_WIDTH * format(duration, step).length();
    }

    /** @return the index of the first labelled tick at or after the view's left edge */
    public static long first(TimeScale scale, double step) {
        return (long) Math.ceil(scale.offset() / step - 1e-9);
    }

    /**
     * Writes a time as the ruler does: {@code s.f} under a minute, {@code m:ss.f} under an hour, {@code h:mm:ss.f}
     * above, with as many decimals as the step needs (none for whole-second steps).
     */
    public static String format(double t, double step) {
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        double rounded = Math.round(t * Math.pow(10, decimals)) / Math.pow(10, decimals);
        long whole = (long) Math.floor(rounded + 1e-9);
        double frac = rounded - whole;
        long h = whole / 3600;
        long m = (whole % 3600) / 60;
        long s = whole % 60;
        String secs = decimals == 0 ? String.valueOf(s)
                : String.format(Locale.ROOT, "%." + decimals + "f", s + Math.max(0, frac));
        if (h > 0) {
            return String.format(Locale.ROOT, "%d:%02d:%s", h, m, pad(secs, decimals));
        }
        if (m > 0) {
            return String.format(Locale.ROOT, "%d:%s", m, pad(secs, decimals));
        }
        return secs + (decimals == 0 ? " s" : "");
    }

    private static String pad(String secs, int decimals) {
        int intDigits = decimals == 0 ? secs.length() : secs.indexOf('.');
        return intDigits < 2 ? "0" + secs : secs;
    }
}
