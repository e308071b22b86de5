package org.omnisila.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.omnisila.engine.analysis.AnalysisListener;

/** The progress of a video's analysis or scene export on one console line (rewritten in place, 5 times a second). */
final class PhaseProgress implements AnalysisListener {
    private final PrintWriter err;
    private long last;

    PhaseProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void progress(String phase, double fraction) {
        long now = System.nanoTime();
        if (now - last < 200_000_000L && fraction < 1) {
            return;
        }
        last = now;
        err.printf(Locale.ROOT, "\r%-32s %5.1f%%   ", phase, 100 * fraction);
        if (fraction >= 1) {
            err.println();
        }
        err.flush();
    }
}
