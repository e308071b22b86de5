package org.omnisila.app.workbench.timeline;

import java.util.Locale;
import java.util.function.DoubleConsumer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;

/**
 * The timeline's state and what the user does to it, as JavaFX properties; it never touches a control.
 *
 * <p>Seeking: a click, or the next/previous keys, call {@link #seek(double)}, which moves the playhead at once,
 * sets {@link #requestedTimeProperty()} and calls the {@link #setOnSeek seek callback} (called on every request,
 * also when the same time is asked for twice, which a property alone would not report). The player binds to
 * either and, while playing, sets {@link #playheadProperty()}. A click on a located sentiment seeks to its
 * <b>start</b> (the analyst sees the sentiment from its beginning) and selects it; a click anywhere else seeks to
 * the clicked time. {@link #selectedSegmentProperty()} is the segment holding the last requested time, what the
 * segment panel shows.
 */
public final class TimelineViewModel {
    private final ReadOnlyObjectWrapper<TimelineData> data = new ReadOnlyObjectWrapper<>(this, "data");
    private final ObjectProperty<TimeScale> scale = new SimpleObjectProperty<>(this, "scale", TimeScale.fit(1, 1));
    private final DoubleProperty playhead = new SimpleDoubleProperty(this, "playhead", 0);
    private final ReadOnlyDoubleWrapper requestedTime = new ReadOnlyDoubleWrapper(this, "requestedTime", Double.NaN);
    private final ReadOnlyIntegerWrapper selectedLocated = new ReadOnlyIntegerWrapper(this, "selectedLocated", -1);
    private final ReadOnlyObjectWrapper<SegmentResult> selectedSegment =
            new ReadOnlyObjectWrapper<>(this, "selectedSegment");
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");
    private DoubleConsumer onSeek = t -> { };
    /** The open video's length, seconds (NaN when unknown): the ruler's span while there is no analysis. */
    private double videoDuration = Double.NaN;

    /** Shows an analysis (null: none), whole video in view. */
    public void setAnalysis(VideoAnalysis analysis) {
        TimelineData d = analysis == null ? null : new TimelineData(analysis);
        data.set(d);
        scale.set(TimeScale.fit(span(), scale.get().width()));
        selectedLocated.set(-1);
        selectedSegment.set(null);
        requestedTime.set(Double.NaN);
        playhead.set(0);
        hoverText.set("");
    }

    /**
     * The open video's length, seconds, or NaN when none is open: without an analysis the ruler spans it (and
     * seeks stop at its end); with one, the analysis' duration counts.
     */
    public void setVideoDuration(double seconds) {
        videoDuration = seconds > 0 && Double.isFinite(seconds) ? seconds : Double.NaN;
        if (data.get() == null) {
            scale.set(TimeScale.fit(span(), scale.get().width()));
        }
    }

    /** Seconds the timeline spans: the analysis', else the video's, else 1. */
    private double span() {
        TimelineData d = data.get();
        if (d != null) {
            return d.duration();
        }
        return Double.isNaN(videoDuration) ? 1 : videoDuration;
    }

    public ReadOnlyObjectProperty<TimelineData> dataProperty() {
        return data.getReadOnlyProperty();
    }

    public ObjectProperty<TimeScale> scaleProperty() {
        return scale;
    }

    /** The playhead's time, seconds; the player sets it while playing. */
    public DoubleProperty playheadProperty() {
        return playhead;
    }

    /** The last time the user asked to see, seconds (NaN before the first request). */
    public ReadOnlyDoubleProperty requestedTimeProperty() {
        return requestedTime.getReadOnlyProperty();
    }

    /** Index into {@code data.located()} (sorted by start) of the selected located sentiment, or -1. */
    public ReadOnlyIntegerProperty selectedLocatedProperty() {
        return selectedLocated.getReadOnlyProperty();
    }

    /** The segment holding the last requested time, or null. */
    public ReadOnlyObjectProperty<SegmentResult> selectedSegmentProperty() {
        return selectedSegment.getReadOnlyProperty();
    }

    /** What is under the mouse, in words (empty when nothing is). */
    public ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    /** @param onSeek called with the time of every seek request (the player's seek) */
    public void setOnSeek(DoubleConsumer onSeek) {
        this.onSeek = onSeek == null ? t -> { } : onSeek;
    }

    /** The canvas changed width: keep zoom and offset. */
    public void setWidth(double width) {
        if (width > 0) {
            scale.set(scale.get().withWidth(width));
        }
    }

    /** Zooms by a factor around x (the mouse, or the centre for the keys). */
    public void zoom(double x, double factor) {
        scale.set(scale.get().zoomAround(x, factor));
    }

    /** Scrolls by dx pixels. */
    public void scroll(double dx) {
        scale.set(scale.get().scrollBy(dx));
    }

    /** Asks to see time t: moves the playhead, records and reports the request, selects the segment there. */
    public void seek(double t) {
        TimelineData d = data.get();
        double end = d == null && Double.isNaN(videoDuration) ? Double.POSITIVE_INFINITY : span();
        double clamped = Math.max(0, Math.min(end, t));
        playhead.set(clamped);
        requestedTime.set(clamped);
        if (d != null) {
            int s = d.segmentIndex().at(clamped);
            selectedSegment.set(s < 0 ? null : d.segments().get(s));
            selectedLocated.set(d.locatedIndex().at(clamped));
            scale.set(scale.get().reveal(clamped));
        }
        onSeek.accept(clamped);
    }

    /** A click at canvas position (x, y): on a located sentiment seeks to its start, elsewhere to the time at x. */
    public void click(double x, double y) {
        TimelineData d = data.get();
        double t = scale.get().timeAt(x);
        int located = d == null || TimelineLayout.at(y) != TimelineLayout.LOCATED ? -1 : d.locatedIndex().at(t);
        if (located < 0) {
            seek(t);
            return;
        }
        seek(d.locatedIndex().start(located));
        selectedLocated.set(located);
    }

    /** A stretch of the video: what a loop plays. */
    public record Span(double start, double end) {
    }

    /**
     * @return the located sentiment at time t, else the analysed segment at t, else null (no analysis, or t
     *     outside every segment)
     */
    public Span spanAt(double t) {
        TimelineData d = data.get();
        if (d == null) {
            return null;
        }
        int located = d.locatedIndex().at(t);
        if (located >= 0) {
            return new Span(d.locatedIndex().start(located), d.locatedIndex().end(located));
        }
        int segment = d.segmentIndex().at(t);
        return segment < 0 ? null : new Span(d.segmentIndex().start(segment), d.segmentIndex().end(segment));
    }

    /** Seeks to the start of the next located sentiment after the playhead; false when there is none. */
    public boolean nextLocated() {
        TimelineData d = data.get();
        int i = d == null ? -1 : d.locatedIndex().nextAfter(playhead.get());
        return jumpTo(i);
    }

    /** Seeks to the start of the last located sentiment before the playhead; false when there is none. */
    public boolean previousLocated() {
        TimelineData d = data.get();
        int i = d == null ? -1 : d.locatedIndex().previousBefore(playhead.get());
        return jumpTo(i);
    }

    private boolean jumpTo(int located) {
        if (located < 0) {
            return false;
        }
        seek(data.get().locatedIndex().start(located));
        selectedLocated.set(located);
        return true;
    }

    /** The mouse is at (x, y) (NaN: it left): updates the hover text. */
    public void hover(double x, double y) {
        TimelineData d = data.get();
        if (d == null || Double.isNaN(x)) {
            hoverText.set("");
            return;
        }
        hoverText.set(describe(d, scale.get().timeAt(x), TimelineLayout.at(y)));
    }

    /** The hover line: the time, then what the track under the mouse holds there. */
    static String describe(TimelineData d, double t, TimelineLayout track) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.2f s", t));
        int l = d.locatedIndex().at(t);
        if (l >= 0 && (track == TimelineLayout.LOCATED || track == TimelineLayout.RULER)) {
            LocatedSentiment ls = d.located().get(l);
            b.append(String.format(Locale.ROOT, "  |  %s %.2f, %.2f-%.2f s", ls.label(), ls.score(), ls.start(),
                    ls.end()));
            if (ls.attribution() != null && !ls.attribution().isBlank()) {
                b.append(": ").append(ls.attribution());
            }
        }
        int s = d.segmentIndex().at(t);
        if (s >= 0 && track != TimelineLayout.LOCATED) {
            SegmentResult seg = d.segments().get(s);
            b.append(String.format(Locale.ROOT, "  |  segment %d: %s %.2f", seg.index(), d.topLabel(s),
                    d.topProbability(s)));
            if (seg.routing() != null) {
                b.append("  |  P");
                for (Scene scene : Scene.values()) {
                    b.append(String.format(Locale.ROOT, " %s %.2f", scene.jsonName(), seg.routing().get(scene)));
                }
            }
        }
        return b.toString();
    }
}
