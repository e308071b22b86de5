package org.omnisila.engine.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.omnisila.engine.api.AnalysisWarning;
import org.omnisila.engine.api.AtomicFiles;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.SceneWeights;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.video.VideoCancelledException;

/**
 * A self-contained HTML report of an analysis: one file with no outside resources (styles inline, thumbnails
 * as JPEG data URIs), to send or archive. It shows the video and model, the warnings, each located sentiment
 * with a thumbnail of its middle frame, its time span, score and attribution, then every segment's top label,
 * routing weights and causal effects.
 */
public final class HtmlReport {
    /** Thumbnail width, pixels. */
    public static final int THUMBNAIL_WIDTH = 320;

    private HtmlReport() {
    }

    /**
     * @param analysis  the result
     * @param video     the analysed file, for thumbnails; null for a report without them
     * @param note      one line about the model to print under it (what it was trained on), or null
     * @param progress  receives the done fraction, 0..1 (one step per thumbnail)
     * @param cancelled polled before each thumbnail
     * @throws VideoCancelledException when cancelled; nothing is written then
     * @throws org.omnisila.engine.video.VideoFormatException when the video cannot be read
     */
    public static void write(VideoAnalysis analysis, Path video, String note, Path out, DoubleConsumer progress,
                             BooleanSupplier cancelled) throws IOException {
        String html = render(analysis, video, note, progress, cancelled);
        AtomicFiles.write(out, html.getBytes(StandardCharsets.UTF_8));
    }

    static String render(VideoAnalysis a, Path video, String note, DoubleConsumer progress,
                         BooleanSupplier cancelled) {
        String name = Path.of(a.video().path()).getFileName().toString();
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Omni-SILA report: ")
                .append(esc(name)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
                .append("th{background:#f0f0f0}.num{text-align:right;font-variant-numeric:tabular-nums}")
                .append(".warn{color:#a40}img{display:block}\n</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(name)).append("</h1>\n<p>")
                .append(String.format(Locale.ROOT, "%.2f s, %dx%d, %.3f fps", a.video().duration(),
                        a.video().width(), a.video().height(), a.video().fps()))
                .append("<br>sha256 <code>").append(esc(a.video().sha256())).append("</code></p>\n");
        h.append("<p>Model: ").append(esc(a.model().name())).append(' ').append(esc(a.model().config()))
                .append(" on ").append(esc(a.model().device()));
        if (a.model().checkpointSha256() != null) {
            h.append(", checkpoint <code>").append(esc(a.model().checkpointSha256())).append("</code>");
        }
        if (note != null && !note.isBlank()) {
            h.append("<br><em>").append(esc(note)).append("</em>");
        }
        h.append("</p>\n");
        if (!a.warnings().isEmpty()) {
            h.append("<h2>Warnings</h2>\n<ul>\n");
            for (AnalysisWarning w : a.warnings()) {
                h.append("<li class=\"warn\">").append(esc(w.message())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<h2>Located sentiments (").append(a.located().size()).append(")</h2>\n");
        if (a.located().isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            h.append("<table>\n<tr><th>frame</th><th>time</th><th>sentiment</th><th>score</th>"
                    + "<th>attribution</th></tr>\n");
            Thumbnails thumbs = video == null ? null : new Thumbnails(video, THUMBNAIL_WIDTH);
            try {
                for (int i = 0; i < a.located().size(); i++) {
                    if (cancelled.getAsBoolean()) {
                        throw new VideoCancelledException(video, a.located().get(i).start(), a.video().duration());
                    }
                    LocatedSentiment l = a.located().get(i);
                    double middle = (l.start() + l.end()) / 2;
                    h.append("<tr><td>");
                    if (thumbs != null) {
                        h.append("<img alt=\"frame at ").append(String.format(Locale.ROOT, "%.2f s", middle))
                                .append("\" width=\"").append(THUMBNAIL_WIDTH).append("\" src=\"data:image/jpeg;base64,")
                                .append(Base64.getEncoder().encodeToString(thumbs.at(middle))).append("\">");
                    }
                    h.append("</td><td class=\"num\">")
                            .append(String.format(Locale.ROOT, "%.2f-%.2f s", l.start(), l.end()))
                            .append("</td><td>").append(esc(l.label())).append("</td><td class=\"num\">")
                            .append(String.format(Locale.ROOT, "%.2f", l.score())).append("</td><td>")
                            .append(esc(l.attribution() == null ? "" : l.attribution())).append("</td></tr>\n");
                    progress.accept((i + 1.0) / a.located().size());
                }
            } finally {
                if (thumbs != null) {
                    thumbs.close();
                }
            }
            h.append("</table>\n");
        }
        h.append("<h2>Segments (").append(a.segments().size()).append(")</h2>\n<table>\n<tr><th>#</th><th>time</th>"
                + "<th>top label</th><th>P face</th><th>P action</th><th>P object</th><th>P background</th>"
                + "<th>effect face</th><th>effect action</th><th>effect object</th><th>effect background</th></tr>\n");
        for (SegmentResult s : a.segments()) {
            String top = s.topLabel();
            h.append("<tr><td class=\"num\">").append(s.index()).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.2f-%.2f s", s.start(), s.end())).append("</td><td>")
                    .append(top == null ? "" : esc(top) + String.format(Locale.ROOT, " %.2f",
                            s.sentimentScores().get(top)))
                    .append("</td>");
            cells(h, s.routing());
            cells(h, s.causalEffect());
            h.append("</tr>\n");
        }
        h.append("</table>\n<p>Causal effect: how much the top label's probability falls when that scene is replaced by "
                + "its dictionary average (do(x_j)); negative values mean it rises.</p>\n</body>\n</html>\n");
        progress.accept(1.0);
        return h.toString();
    }

    private static void cells(StringBuilder h, SceneWeights w) {
        if (w == null) {
            h.append("<td></td><td></td><td></td><td></td>");
            return;
        }
        for (double v : new double[] {w.face(), w.action(), w.object(), w.background()}) {
            h.append(String.format(Locale.ROOT, "<td class=\"num\">%.2f</td>", v));
        }
    }

    /** HTML-escapes text for element content and quoted attributes. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
