package org.omnisila.app.workbench.annotate;

import java.util.Locale;

/**
 * Segment boundaries on the video's frames: a time typed or dragged is moved to the nearest frame start, so that a
 * saved span always begins and ends on a frame the player can show. Pure, tested without JavaFX.
 */
public final class FrameSnap {
    /** Times are kept to the microsecond: frame times such as 1/30 s would otherwise print as 0.03333333333333333. */
    private static final double MICROSECONDS = 1e6;

    private FrameSnap() {
    }

    /**
     * @param seconds a time, seconds
     * @param fps     the video's frame rate; 0, negative or NaN when unknown (then the time is only rounded to the
     *                microsecond)
     * @return the time of the nearest frame, 0 or more
     */
    public static double snap(double seconds, double fps) {
        double t = Math.max(0, seconds);
        if (fps > 0 && Double.isFinite(fps)) {
            t = Math.round(t * fps) / fps;
        }
        return Math.round(t * MICROSECONDS) / MICROSECONDS;
    }

    /**
     * Reads a time as typed in a start or end field: seconds ({@code 12.5}) or minutes and seconds
     * ({@code 1:02.5}); a decimal comma is taken as a point.
     *
     * @param field the field's name, for the message ("start", "end")
     * @throws IllegalArgumentException saying what was typed and what is expected
     */
    public static double parse(String text, String field) {
        String t = text == null ? "" : text.strip().replace(',', '.');
        if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        try {
            double seconds;
            int colon = t.indexOf(':');
            if (colon >= 0) {
                double minutes = Long.parseLong(t.substring(0, colon));
                double rest = Double.parseDouble(t.substring(colon + 1));
                if (rest >= 60 || rest < 0) {
                    throw new NumberFormatException();
                }
                seconds = minutes * 60 + rest;
            } else {
                seconds = Double.parseDouble(t);
            }
            if (!Double.isFinite(seconds) || seconds < 0) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The " + field + " \"" + text.strip() + "\" is not a time: type "
                    + "seconds (12.5) or minutes:seconds (1:02.5), 0 or more.");
        }
    }

    /** A time as the start and end fields show it: seconds with three decimals. */
    public static String format(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }
}
