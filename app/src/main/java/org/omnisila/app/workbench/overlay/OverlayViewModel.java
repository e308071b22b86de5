package org.omnisila.app.workbench.overlay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
import org.omnisila.engine.api.Box;
import org.omnisila.engine.scene.export.SceneCueFile.FaceCue;
import org.omnisila.engine.scene.export.SceneCueFile.FrameCues;
import org.omnisila.engine.scene.export.SceneCueFile.ObjectCue;
import org.omnisila.engine.scene.export.SceneCueFile.PersonCue;
import org.omnisila.engine.scene.export.SceneCueFile.TripleCue;
import org.omnisila.engine.video.VideoCancelledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cue overlays: computes a video's {@link CueTrack} off the FX thread (progress in {@link #messageProperty()},
 * {@link #cancel()}), keeps it for that video, and maps the cues at a playback time to the boxes drawn over the
 * frame, each kind behind its toggle (all on at first).
 *
 * <p>Faces: the box, labelled with the top expression and its probability ({@code happy 0.92}). Poses: the
 * person box labelled {@code person}, and each keypoint with visibility &gt;= {@value #VISIBLE} as a small
 * unlabelled square of {@value #KEYPOINT} source pixels (the overlay layer draws boxes only, so the skeleton is
 * shown as its joints, not as lines). Objects: the box labelled with its class, and the subject of each relation
 * triple labelled with the triple ({@code person holding cup}; several joined by commas).
 */
public final class OverlayViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(OverlayViewModel.class);
    /** Keypoints at least this visible are drawn. */
    public static final double VISIBLE = 0.5;
    /** A keypoint's square, source pixels. */
    public static final double KEYPOINT = 4;

    /** A video's cues. */
    public record Track(Path video, CueTrack cues) {
    }

    private final BooleanProperty faces = new SimpleBooleanProperty(this, "faces", true);
    private final BooleanProperty poses = new SimpleBooleanProperty(this, "poses", true);
    private final BooleanProperty objects = new SimpleBooleanProperty(this, "objects", true);
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
                CueTrack cues = CueTrack.of(source.record(video, (phase, f) -> fx.execute(() -> {
                    if (busy.get()) {
                        message.set(String.format(Locale.ROOT, "Cue overlays of %s: %s %.0f%%", name, phase,
                                100 * f));
                    }
                }), stop::get));
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
     * @return the boxes for {@code video} at {@code t} seconds; null when no track was computed for that video
     *     (the overlay is then left to others)
     */
    public List<OverlayBox> boxesAt(Path video, double t) {
        Track shown = track.get();
        if (shown == null || !Objects.equals(shown.video(), video)) {
            return null;
        }
        return shown.cues().at(t).map(this::boxes).orElse(List.of());
    }

    /** @return the boxes of a frame's cues, those of the kinds toggled on */
    public List<OverlayBox> boxes(FrameCues frame) {
        List<OverlayBox> out = new ArrayList<>();
        if (faces.get()) {
            for (FaceCue f : frame.faces()) {
                Float p = f.expressions().get(f.expression());
                out.add(box(f.box(), p == null ? f.expression()
                        : String.format(Locale.ROOT, "%s %.2f", f.expression(), p)));
            }
        }
        if (poses.get()) {
            for (PersonCue p : frame.persons()) {
                out.add(box(p.box(), "person"));
                for (float[] k : p.keypoints()) {
                    if (k.length >= 3 && k[2] >= VISIBLE && Float.isFinite(k[0]) && Float.isFinite(k[1])) {
                        out.add(new OverlayBox(k[0] - KEYPOINT / 2, k[1] - KEYPOINT / 2, KEYPOINT, KEYPOINT, ""));
                    }
                }
            }
        }
        if (objects.get()) {
            Map<Integer, List<String>> relations = new LinkedHashMap<>();
            for (TripleCue t : frame.triples()) {
                relations.computeIfAbsent(t.subjectIndex(), i -> new ArrayList<>()).add(t.predicate() + " "
                        + t.object());
            }
            for (int i = 0; i < frame.objects().size(); i++) {
                ObjectCue o = frame.objects().get(i);
                List<String> r = relations.get(i);
                out.add(box(o.box(), r == null ? o.label() : o.label() + " " + String.join(", ", r)));
            }
        }
        return out;
    }

    private static OverlayBox box(Box b, String label) {
        return new OverlayBox(b.x(), b.y(), Math.max(0, b.width()), Math.max(0, b.height()), label);
    }
}
