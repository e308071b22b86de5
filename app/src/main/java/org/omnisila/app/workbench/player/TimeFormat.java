package org.omnisila.app.workbench.player;

import java.util.Locale;

/** Times as the player shows them: {@code m:ss.cc} (hundredths), or {@code h:mm:ss.cc} from an hour on. */
final class TimeFormat {
    private TimeFormat() {
    }

    static String format(double seconds) {
        long centis = Math.max(0, Math.round(seconds * 100));
        long s = centis / 100;
        long h = s / 3600;
        return h > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d.%02d", h, s / 60 % 60, s % 60, centis % 100)
                : String.format(Locale.ROOT, "%d:%02d.%02d", s / 60, s % 60, centis % 100);
    }
}
