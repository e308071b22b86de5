package org.omnisila.app.workbench.analysis;

import java.util.Locale;

/**
 * The line next to the progress bar: phase, percentage and an estimate of the time left, which assumes the rest
 * goes as fast as what is done so far (elapsed x (1 - fraction) / fraction).
 */
final class ProgressText {
    /** Below this fraction done, or this many seconds elapsed, no estimate is given: it would be a guess. */
    private static final double MIN_FRACTION = 0.02;
    private static final double MIN_SECONDS = 1.0;

    private ProgressText() {
    }

    /**
     * @param phase          what runs now
     * @param fraction       done, 0..1
     * @param elapsedSeconds since the analysis started
     * @return e.g. {@code decoding and scene extraction 37%, about 12 s left}
     */
    static String of(String phase, double fraction, double elapsedSeconds) {
        double f = Math.max(0, Math.min(1, fraction));
        String done = String.format(Locale.ROOT, "%s %d%%", phase == null ? "" : phase, (int) Math.floor(100 * f));
        if (f < MIN_FRACTION || f >= 1 || elapsedSeconds < MIN_SECONDS) {
            return done;
        }
        return done + ", about " + duration(elapsedSeconds * (1 - f) / f) + " left";
    }

    /** Seconds as {@code 12 s}, {@code 3 min 05 s} or {@code 1 h 02 min}. */
    static String duration(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s / 60 % 60);
    }
}
