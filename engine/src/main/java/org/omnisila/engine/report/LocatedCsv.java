package org.omnisila.engine.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.omnisila.engine.api.AtomicFiles;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.VideoAnalysis;

/**
 * The located sentiments of an analysis as CSV (RFC 4180: comma-separated, fields with a comma, quote or line
 * break quoted, quotes doubled; UTF-8; CRLF line ends): {@code video,start,end,label,score,attribution}, times in
 * seconds, one row per located sentiment in the result's order.
 */
public final class LocatedCsv {
    /** The header row. */
    public static final String HEADER = "video,start,end,label,score,attribution";

    private LocatedCsv() {
    }

    public static String toCsv(VideoAnalysis analysis) {
        StringBuilder b = new StringBuilder(HEADER).append("\r\n");
        String video = Path.of(analysis.video().path()).getFileName().toString();
        for (LocatedSentiment l : analysis.located()) {
            b.append(field(video)).append(',')
                    .append(String.format(Locale.ROOT, "%.3f,%.3f,", l.start(), l.end()))
                    .append(field(l.label())).append(',')
                    .append(String.format(Locale.ROOT, "%.4f,", l.score()))
                    .append(field(l.attribution() == null ? "" : l.attribution())).append("\r\n");
        }
        return b.toString();
    }

    /** Writes the CSV atomically (a crash leaves the old file or the new one). */
    public static void write(VideoAnalysis analysis, Path file) throws IOException {
        AtomicFiles.write(file, toCsv(analysis).getBytes(StandardCharsets.UTF_8));
    }

    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
