package org.omnisila.annotator.export;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What an export wrote.
 *
 * @param folder      the export folder
 * @param items       items exported
 * @param leftOut     items left out (rejected, and unreviewed unless included)
 * @param trainVideos videos on the train side
 * @param testVideos  videos on the test side
 * @param entries     entries written per data set ({@link ExportSet#cliName()}; scene-features: segments)
 */
public record ExportReport(Path folder, int items, int leftOut, int trainVideos, int testVideos,
                           Map<String, Integer> entries) {
    /** Copies the counts. */
    public ExportReport {
        entries = Map.copyOf(entries);
    }

    /** One line for the console: {@code out: 1,204 items (3 left out), 40 train / 10 test videos; ...}. */
    public String summary() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%s: %,d items (%,d left out), %d train / %d test videos", folder, items, leftOut, trainVideos,
                testVideos));
        for (ExportSet set : ExportSet.values()) {
            Integer n = entries.get(set.cliName());
            if (n != null) {
                line.append(String.format(Locale.ROOT, "; %s %,d %s", set.cliName(), n,
                        set == ExportSet.SCENE_FEATURES ? "segments" : "entries"));
            }
        }
        return line.toString();
    }
}
