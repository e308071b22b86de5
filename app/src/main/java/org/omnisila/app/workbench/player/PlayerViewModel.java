package org.omnisila.app.workbench.player;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.omnisila.engine.video.VideoMetadata;

/**
 * The player's state for the view and the rest of the window: the open video, the frame shown and its time, the
 * duration, whether it plays, the speed, the loop segment, a message when the video cannot be played, the sound
 * (whether there is any, muted, volume, why it cannot be heard), and the shapes to draw over the frame. Commands go
 * to a {@link Playback}, which decodes off the FX thread; what it reports is applied through the executor given
 * (the FX thread's {@code Platform::runLater} in the window, the calling thread in tests and benchmarks). Touches
 * no control.
 */
public final class PlayerViewModel {
    /** The speeds offered, slowest first; {@link #speedProperty()} is clamped to their range. */
    public static final List<Double> SPEEDS = List.of(0.25, 0.5, 1.0, 1.5, 2.0, 4.0);

    /** A segment played over and over, seconds. */
    public record Loop(double start, double end) {
    }

    private final Executor fx;
    private final ReadOnlyObjectWrapper<Path> video = new ReadOnlyObjectWrapper<>(this, "video");
    private final ReadOnlyObjectWrapper<PlayerFrame> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final ReadOnlyDoubleWrapper currentTime = new ReadOnlyDoubleWrapper(this, "currentTime");
    private final ReadOnlyDoubleWrapper duration = new ReadOnlyDoubleWrapper(this, "duration");
    private final ReadOnlyDoubleWrapper frameRate = new ReadOnlyDoubleWrapper(this, "frameRate");
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1);
    private final ReadOnlyObjectWrapper<Loop> loop = new ReadOnlyObjectWrapper<>(this, "loop");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private final ReadOnlyBooleanWrapper hasAudio = new ReadOnlyBooleanWrapper(this, "hasAudio");
    private final BooleanProperty muted = new SimpleBooleanProperty(this, "muted");
    private final DoubleProperty volume = new SimpleDoubleProperty(this, "volume", 1);
    private final ReadOnlyStringWrapper soundMessage = new ReadOnlyStringWrapper(this, "soundMessage");
    private final ObservableList<OverlayShape> overlay = FXCollections.observableArrayList();
    private Playback playback;
    /** The reports of {@link #playback}; those of a video closed since are ignored. */
    private Reports reports;

    /** A view model that applies the decoder's reports on the FX thread. */
    public PlayerViewModel() {
        this(Platform::runLater);
    }

    /** @param fx runs the decoder's reports where the properties may change (in order) */
    public PlayerViewModel(Executor fx) {
        this.fx = fx;
        speed.addListener((o, was, now) -> {
            double s = Math.max(SPEEDS.get(0), Math.min(SPEEDS.get(SPEEDS.size() - 1), now.doubleValue()));
            if (s != now.doubleValue()) {
                speed.set(s);
            } else if (playback != null) {
                playback.speed(s);
            }
        });
        muted.addListener((o, was, now) -> {
            if (playback != null) {
                playback.mute(now);
            }
        });
        volume.addListener((o, was, now) -> {
            double v = Math.max(0, Math.min(1, now.doubleValue()));
            if (v != now.doubleValue()) {
                volume.set(v);
            } else if (playback != null) {
                playback.volume(v);
            }
        });
    }

    /** Closes the video shown, if any, and opens another: its first frame, or a message when it cannot be played. */
    public void open(Path file) {
        close();
        video.set(file);
        reports = new Reports();
        playback = Playback.open(file, reports);
        playback.speed(speed.get());
        playback.mute(muted.get());
        playback.volume(volume.get());
        Loop l = loop.get();
        if (l != null) {
            playback.loop(l.start(), l.end());
        }
    }

    /** Stops decoding and frees the video; the future completes when the grabber is freed. */
    public CompletableFuture<Void> close() {
        Playback p = playback;
        playback = null;
        reports = null;
        frame.set(null);
        message.set(null);
        soundMessage.set(null);
        hasAudio.set(false);
        playing.set(false);
        currentTime.set(0);
        duration.set(0);
        frameRate.set(0);
        video.set(null);
        return p == null ? CompletableFuture.completedFuture(null) : p.close();
    }

    public void play() {
        command(Playback::play);
    }

    public void pause() {
        command(Playback::pause);
    }

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    /**
     * Shows the frame at a time (clamped to the video), playing on from there if playing.
     *
     * @return completes when the frame is shown (its {@link #frameProperty()} and {@link #currentTimeProperty()} set)
     */
    public CompletableFuture<Void> seek(double seconds) {
        return command(p -> p.seek(seconds));
    }

    /** Pauses and moves {@code frames} frames forward (negative: back); completes when the frame is shown. */
    public CompletableFuture<Void> step(int frames) {
        return command(p -> p.step(frames));
    }

    /** Moves by {@code seconds} from the time shown (negative: back). */
    public CompletableFuture<Void> skip(double seconds) {
        return seek(currentTime.get() + seconds);
    }

    /** Mutes the sound, or turns it on again (it plays only at 1x). */
    public void toggleMute() {
        muted.set(!muted.get());
    }

    /** Plays at 1x when paused; when playing, the next faster speed up to the fastest. */
    public void faster() {
        if (!playing.get()) {
            speed.set(1);
            play();
            return;
        }
        SPEEDS.stream().filter(s -> s > speed.get()).findFirst().ifPresent(speed::set);
    }

    /** Plays {@code [start, end)} over and over (the timeline sets it); goes to start if outside it. */
    public CompletableFuture<Void> loop(double start, double end) {
        CompletableFuture<Void> done = command(p -> p.loop(start, end));
        loop.set(new Loop(start, end));
        return done;
    }

    public void clearLoop() {
        loop.set(null);
        command(Playback::clearLoop);
    }

    /** Runs a command on the open video; its future completes after the FX side has applied what it showed. */
    private CompletableFuture<Void> command(Function<Playback, CompletableFuture<Void>> c) {
        if (playback == null) {
            return CompletableFuture.completedFuture(null);
        }
        return c.apply(playback).thenCompose(v -> {
            CompletableFuture<Void> applied = new CompletableFuture<>();
            fx.execute(() -> applied.complete(null));
            return applied;
        });
    }

    /**
     * Applies one playback's reports to the properties, unless another video has been opened since. Frames are
     * coalesced: when the FX thread falls behind, only the newest frame waiting is shown.
     */
    private final class Reports implements Playback.Listener {
        private final AtomicReference<PlayerFrame> waiting = new AtomicReference<>();

        private void apply(Runnable r) {
            fx.execute(() -> {
                if (reports == this) {
                    r.run();
                }
            });
        }

        @Override
        public void opened(VideoMetadata metadata) {
            apply(() -> {
                duration.set(metadata.duration());
                frameRate.set(metadata.fps());
                hasAudio.set(metadata.hasAudio());
            });
        }

        @Override
        public void frame(PlayerFrame f) {
            if (waiting.getAndSet(f) == null) {
                apply(() -> {
                    PlayerFrame newest = waiting.getAndSet(null);
                    frame.set(newest);
                    currentTime.set(newest.time());
                });
            }
        }

        @Override
        public void playing(boolean now) {
            apply(() -> playing.set(now));
        }

        @Override
        public void failed(String problem) {
            apply(() -> {
                playing.set(false);
                message.set(problem);
            });
        }

        @Override
        public void silent(String problem) {
            apply(() -> soundMessage.set(problem));
        }
    }

    public ReadOnlyObjectProperty<Path> videoProperty() {
        return video.getReadOnlyProperty();
    }

    /** The frame shown, or null before the first frame and when no video is open. */
    public ReadOnlyObjectProperty<PlayerFrame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    /** The timestamp of the frame shown, seconds. */
    public ReadOnlyDoubleProperty currentTimeProperty() {
        return currentTime.getReadOnlyProperty();
    }

    /** The video's length, seconds; 0 until it has opened. */
    public ReadOnlyDoubleProperty durationProperty() {
        return duration.getReadOnlyProperty();
    }

    /** The video's frame rate, frames per second (what edits snap to); 0 until it has opened. */
    public ReadOnlyDoubleProperty frameRateProperty() {
        return frameRate.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** Playback speed, 0.25 to 4 (set values outside are clamped). */
    public DoubleProperty speedProperty() {
        return speed;
    }

    /** The loop segment, or null. */
    public ReadOnlyObjectProperty<Loop> loopProperty() {
        return loop.getReadOnlyProperty();
    }

    /** Why the video cannot be played (user-ready), or null. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether the open video has an audio track. */
    public ReadOnlyBooleanProperty hasAudioProperty() {
        return hasAudio.getReadOnlyProperty();
    }

    /** Whether the sound is off; kept from one video to the next. It is also silent at speeds other than 1x. */
    public BooleanProperty mutedProperty() {
        return muted;
    }

    /** Loudness of the sound, 0 to 1 (set values outside are clamped); kept from one video to the next. */
    public DoubleProperty volumeProperty() {
        return volume;
    }

    /** Why the open video's sound cannot be heard (no audio device, a track that does not decode), or null. */
    public ReadOnlyStringProperty soundMessageProperty() {
        return soundMessage.getReadOnlyProperty();
    }

    /** Shapes drawn over the frame shown, in source pixels; the cue overlays set them. */
    public ObservableList<OverlayShape> overlay() {
        return overlay;
    }
}
