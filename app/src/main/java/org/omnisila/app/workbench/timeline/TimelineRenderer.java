package org.omnisila.app.workbench.timeline;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.Scene;

/**
 * Draws one frame of the timeline into a {@link GraphicsContext}: ruler, located sentiments, routing band,
 * probability track, playhead ({@link TimelineLayout} gives the tracks). It visits only the spans in view (found
 * by binary search). The bar tracks are painted as pixels into a reused {@link TrackRaster} and drawn as one
 * image; when more segments are in view than there are pixel columns, the routing band and probability track
 * show each column's mean, and a located span that would only repaint a column already painted is skipped. Text
 * (ruler labels, a located span's label where it fits), the selection outline and the playhead are drawn on top.
 */
public final class TimelineRenderer {
    private static final Color BACKGROUND = Color.web("#FAFAFA");
    private static final Color TRACK = Color.web("#EEEEEE");
    private static final Color INK = Color.web("#333333");
    private static final Color PLAYHEAD = Color.web("#000000");
    private static final Font FONT = Font.font(11);
    private static final Scene[] SCENES = Scene.values();
    private static final int[] SCENE_ARGB = new int[SCENES.length];
    private static final int INK_ARGB = TrackRaster.argb(INK);
    /** Top of the raster on the canvas: the bar tracks start under the ruler. */
    private static final double RASTER_TOP = TimelineLayout.LOCATED.top();

    static {
        for (Scene s : SCENES) {
            SCENE_ARGB[s.ordinal()] = TrackRaster.argb(LabelPalette.of(s));
        }
    }

    private final Map<String, Integer> labelArgb = new HashMap<>();
    private final TrackRaster raster = new TrackRaster((int) (TimelineLayout.HEIGHT - RASTER_TOP));

    /**
     * @param g          where to draw; its canvas is {@code scale.width()} wide
     * @param data       what to draw, or null for an empty timeline
     * @param scale      the time mapping
     * @param playhead   the playhead's time, seconds (NaN: none)
     * @param selected   index of the selected located sentiment in {@code data.located()}, or -1
     */
    public void draw(GraphicsContext g, TimelineData data, TimeScale scale, double playhead, int selected) {
        double w = scale.width();
        // Clearing the whole canvas first lets JavaFX drop the commands of frames not yet rendered.
        g.clearRect(0, 0, g.getCanvas().getWidth(), g.getCanvas().getHeight());
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, RASTER_TOP);
        raster.reset((int) Math.ceil(w), TrackRaster.argb(BACKGROUND));
        int track = TrackRaster.argb(TRACK);
        for (TimelineLayout t : new TimelineLayout[] {TimelineLayout.LOCATED, TimelineLayout.ROUTING,
            TimelineLayout.PROBABILITY}) {
            raster.fill(0, w, t.top() + 1 - RASTER_TOP, t.bottom() - 1 - RASTER_TOP, track);
        }
        if (data != null) {
            segments(data, scale);
        }
        int[] labelled = data == null ? new int[0] : locatedBars(data, scale);
        g.drawImage(raster.image(), 0, RASTER_TOP);
        g.setFont(FONT);
        ruler(g, scale);
        if (data != null) {
            locatedText(g, data, scale, labelled, selected);
        }
        if (!Double.isNaN(playhead)) {
            double x = Math.round(scale.xOf(playhead)) + 0.5;
            if (x >= 0 && x <= w) {
                g.setStroke(PLAYHEAD);
                g.setLineWidth(1.5);
                g.strokeLine(x, 0, x, TimelineLayout.HEIGHT);
                g.setFill(PLAYHEAD);
                g.fillPolygon(new double[] {x - 5, x + 5, x}, new double[] {0, 0, 7}, 3);
            }
        }
    }

    private static void ruler(GraphicsContext g, TimeScale scale) {
        double step = TimeTicks.step(scale);
        double bottom = TimelineLayout.RULER.bottom();
        g.setStroke(INK);
        g.setLineWidth(1);
        g.setFill(INK);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        // Minor ticks: five per labelled step, unlabelled.
        double minor = step / 5;
        for (long k = (long) Math.ceil(scale.offset() / minor - 1e-9); k * minor <= scale.end() + 1e-9; k++) {
            double x = Math.round(scale.xOf(k * minor)) + 0.5;
            boolean major = k % 5 == 0;
            g.strokeLine(x, bottom - (major ? 10 : 4), x, bottom);
            if (major) {
                g.fillText(TimeTicks.format(k * minor, step), x + 3, 2);
            }
        }
    }

    /** Paints the located bars into the raster; returns the indices of the bars wide enough for their label. */
    private int[] locatedBars(TimelineData data, TimeScale scale) {
        SpanIndex index = data.locatedIndex();
        int first = index.firstOverlapping(scale.offset());
        int last = index.lastOverlapping(scale.end());
        double top = TimelineLayout.LOCATED.top() + 3 - RASTER_TOP;
        double h = TimelineLayout.LOCATED.height() - 6;
        double nextFree = Double.NEGATIVE_INFINITY;
        int[] labelled = new int[Math.max(0, last - first + 1)];
        int n = 0;
        for (int i = first; i <= last; i++) {
            double x0 = Math.max(-1, scale.xOf(index.start(i)));
            double x1 = Math.min(scale.width() + 1, Math.max(scale.xOf(index.end(i)), x0 + 1));
            if (x1 <= nextFree) {
                continue; // this pixel column is painted already
            }
            x0 = Math.max(x0, Math.min(nextFree, x1 - 1));
            LocatedSentiment l = data.located().get(i);
            raster.fill(x0, x1, top, top + h, labelArgb.computeIfAbsent(l.label(),
                    label -> TrackRaster.argb(LabelPalette.of(label))));
            nextFree = Math.max(nextFree, Math.ceil(x1));
            // The text is "label 0.87": the label and five characters; formatted only for the bars it fits.
            if (x1 - x0 > TimeTicks.CHAR_WIDTH * (l.label().length() + 5) + 6) {
                labelled[n++] = i;
            }
        }
        return Arrays.copyOf(labelled, n);
    }

    private static String barText(LocatedSentiment l) {
        return l.label() + String.format(Locale.ROOT, " %.2f", l.score());
    }

    private static void locatedText(GraphicsContext g, TimelineData data, TimeScale scale, int[] labelled,
                                    int selected) {
        double top = TimelineLayout.LOCATED.top() + 3;
        double h = TimelineLayout.LOCATED.height() - 6;
        g.setTextBaseline(VPos.CENTER);
        for (int i : labelled) {
            LocatedSentiment l = data.located().get(i);
            g.setFill(LabelPalette.textOn(LabelPalette.of(l.label())));
            g.fillText(barText(l), Math.max(scale.xOf(l.start()), 0) + 3, top + h / 2);
        }
        if (selected >= 0 && selected < data.located().size()) {
            LocatedSentiment l = data.located().get(selected);
            double x0 = scale.xOf(l.start());
            double x1 = Math.max(scale.xOf(l.end()), x0 + 1);
            if (x1 >= 0 && x0 <= scale.width()) {
                g.setStroke(INK);
                g.setLineWidth(2);
                g.strokeRect(x0 + 1, top - 1, x1 - x0 - 2, h + 2);
            }
        }
    }

    private void segments(TimelineData data, TimeScale scale) {
        SpanIndex index = data.segmentIndex();
        int first = index.firstOverlapping(scale.offset());
        int last = index.lastOverlapping(scale.end());
        if (last < first) {
            return;
        }
        int columns = (int) Math.ceil(scale.width());
        if (last - first + 1 <= columns) {
            for (int i = first; i <= last; i++) {
                double x0 = scale.xOf(index.start(i));
                double x1 = Math.max(scale.xOf(index.end(i)), x0 + 1);
                cell(x0, x1, data.routing(Scene.FACE, i), data.routing(Scene.ACTION, i),
                        data.routing(Scene.OBJECT, i), data.routing(Scene.BACKGROUND, i), data.topProbability(i));
            }
            return;
        }
        // More segments than pixels: the mean of each pixel column.
        double[][] sum = new double[SCENES.length + 1][columns];
        int[] count = new int[columns];
        for (int i = first; i <= last; i++) {
            int c = (int) Math.floor(scale.xOf((index.start(i) + index.end(i)) / 2));
            if (c < 0 || c >= columns) {
                continue;
            }
            for (Scene s : SCENES) {
                sum[s.ordinal()][c] += data.routing(s, i);
            }
            sum[SCENES.length][c] += data.topProbability(i);
            count[c]++;
        }
        for (int c = 0; c < columns; c++) {
            int n = count[c];
            if (n > 0) {
                cell(c, c + 1, sum[0][c] / n, sum[1][c] / n, sum[2][c] / n, sum[3][c] / n,
                        sum[SCENES.length][c] / n);
            }
        }
    }

    /** One segment's (or pixel column's) stacked routing weights and top-label probability. */
    private void cell(double x0, double x1, double face, double action, double object, double background,
                      double probability) {
        if (!Double.isNaN(face)) {
            double top = TimelineLayout.ROUTING.top() + 1 - RASTER_TOP;
            double h = TimelineLayout.ROUTING.height() - 2;
            double[] weights = {face, action, object, background};
            double y = top;
            for (Scene s : SCENES) {
                double next = y + weights[s.ordinal()] * h;
                raster.fill(x0, x1, y, next, SCENE_ARGB[s.ordinal()]);
                y = next;
            }
        }
        double top = TimelineLayout.PROBABILITY.top() + 1 - RASTER_TOP;
        double h = TimelineLayout.PROBABILITY.height() - 2;
        raster.fill(x0, x1, top + h * (1 - probability), top + h, INK_ARGB);
    }
}
