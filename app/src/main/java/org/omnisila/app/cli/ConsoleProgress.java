package org.omnisila.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.omnisila.engine.train.TrainingListener;

/** Training progress on one console line (rewritten in place), then one line per epoch. */
class ConsoleProgress implements TrainingListener {
    private final PrintWriter err;
    private final String prefix;
    private long lastPrint;

    ConsoleProgress(PrintWriter err, String prefix) {
        this.err = err;
        this.prefix = prefix;
    }

    @Override
    public void progress(int epoch, int done, int total, double meanLoss, double segmentsPerSecond) {
        long now = System.nanoTime();
        if (now - lastPrint < 200_000_000L && done < total) {
            return;
        }
        lastPrint = now;
        err.printf(Locale.ROOT, "\r%sepoch %d: %d/%d videos, loss %.4f, %.0f segments/s   ", prefix, epoch, done,
                total, meanLoss, segmentsPerSecond);
        err.flush();
    }

    @Override
    public void epochDone(int epoch, double meanLoss) {
        err.printf(Locale.ROOT, "\r%sepoch %d done: mean loss %.4f%s%n", prefix, epoch, meanLoss, " ".repeat(30));
        err.flush();
    }
}
