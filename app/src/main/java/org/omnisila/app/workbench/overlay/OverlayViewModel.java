package org.omnisila.app.workbench.overlay;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.omnisila.app.workbench.player.OverlayBox;
import org.omnisila.app.workbench.player.OverlayKind;
import org.omnisila.app.workbench.player.OverlayShape;
import org.omnisila.engine.video.VideoCancelledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cue overlays: computes a video's {@link CueTrack} (cues and person masks) off the FX thread (progress in
 * {@link #messageProperty()}, {@link #cancel()}), keeps it for that video, and maps the cues at a playback time to
 * the shapes drawn over the frame ({@link CueShapes}), each kind behind its toggle, all on at first: faces (box and
 * top expression), poses (person box, MediaPipe's skeleton as lines between visible keypoints, the keypoints as
 * small squares), objects (box, class and relation triples) and the background (person) mask, drawn by the
 * overlay layer as a translucent tint over the people.
 */
public final class OverlayViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(OverlayViewModel.class);

    /** A video's cues. */
    public record Track(Path video, CueTrack cues) {
    }

    private final BooleanProperty faces = new SimpleBooleanProperty(this, "faces", true);
    private final BooleanProperty poses = new SimpleBooleanProperty(this, "poses", true);
    private final BooleanProperty objects = new SimpleBooleanProperty(this, "objects", true);
    private final BooleanProperty mask = new SimpleBooleanProperty(this, "mask", true);
    private final ReadOnlyObjectWrapper<Track> track = new ReadOnlyObjectWrapper<>(this, "track");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final CueSource source;
    private final Executor worker;
    private final Executor fx;
    private AtomicBoolean cancel = new AtomicBoolean();

    /**
     * @param source records the cues
     * @param worker runs it (a background thread)
     * @param fx     applies results to the properties ({@code Platform::runLater} in the window)
     */
    public OverlayViewModel(CueSource source, Executor worker, Executor fx) {
        this.source = source;
        this.worker = worker;
        this.fx = fx;
    }

    public BooleanProperty facesProperty() {
        return faces;
    }

    public BooleanProperty posesProperty() {
        return poses;
    }

    public BooleanProperty objectsProperty() {
        return objects;
    }

    /** Whether the background (person) mask is drawn (View &gt; Background mask). */
    public BooleanProperty maskProperty() {
        return mask;
    }

    /** The last computed cues and their video; null before the first. */
    public ReadOnlyObjectProperty<Track> trackProperty() {
        return track.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Progress, the outcome or a failure, in words. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Sets the cues of a video (as a computation does). */
    public void setTrack(Path video, CueTrack cues) {
        track.set(new Track(video, cues));
    }

    /**
     * Computes the cues of a video (call on the FX thread); the track is replaced when done.
     *
     * @return completes when done, with whether a track was kept
     */
    public CompletableFuture<Boolean> compute(Path video) {
        if (video == null || busy.get()) {
            message.set(video == null ? "Open a video first." : "Cue overlays are being computed.");
            return CompletableFuture.completedFuture(false);
        }
        AtomicBoolean stop = new AtomicBoolean();
        cancel = stop;
        busy.set(true);
        message.set("Cue overlays: starting");
        String name = String.valueOf(video.getFileName());
        return CompletableFuture.supplyAsync(() -> {
            try {
                CueTrack cues = source.record(video, (phase, f) -> fx.execute(() -> {
                    if (busy.get()) {
                        message.set(String.format(Locale.ROOT, "Cue overlays of %s: %s %.0f%%", name, phase,
                                100 * f));
                    }
                }), stop::get);
                fx.execute(() -> {
                    track.set(new Track(video, cues));
                    finish("Cue overlays of " + name + ": " + cues.size() + " sampled frames.");
                });
                return true;
            } catch (VideoCancelledException e) {
                fx.execute(() -> finish("Cue overlays cancelled."));
                return false;
            } catch (RuntimeException e) {
                LOG.warn("cue overlays of {} failed", video, e);
                fx.execute(() -> finish("Could not compute the cue overlays of " + name + ": " + e.getMessage()));
                return false;
            }
        }, worker);
    }

    /** Stops a running computation before its next frame. */
    public void cancel() {
        cancel.set(true);
    }

    private void finish(String text) {
        message.set(text);
        busy.set(false);
    }

    /**
     * @return the shapes for {@code video} at {@code t} seconds; null when no track was computed for that video
     *     (the overlay is then left to others)
     */
    public List<OverlayShape> shapesAt(Path video, double t) {
        Track shown = track.get();
        if (shown == null || !Objects.equals(shown.video(), video)) {
            return null;
        }
        return shown.cues().at(t).map(this::shapes).orElse(List.of());
    }

    /** @return the shapes of a sampled frame, those of the kinds toggled on */
    public List<OverlayShape> shapes(CueTrack.Sample sample) {
        Set<OverlayKind> shown = EnumSet.noneOf(OverlayKind.class);
        show(shown, faces, OverlayKind.FACE);
        show(shown, poses, OverlayKind.POSE);
        show(shown, objects, OverlayKind.OBJECT);
        show(shown, mask, OverlayKind.MASK);
        return CueShapes.of(sample, shown);
    }

    private static void show(Set<OverlayKind> shown, BooleanProperty toggle, OverlayKind kind) {
        if (toggle.get()) {
            shown.add(kind);
        }
    }
}
