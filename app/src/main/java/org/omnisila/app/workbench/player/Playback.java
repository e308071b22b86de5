package org.omnisila.app.workbench.player;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.omnisila.engine.video.FrameReader;
import org.omnisila.engine.video.SampledFrame;
import org.omnisila.engine.video.VideoFormatException;
import org.omnisila.engine.video.VideoMetadata;

/**
 * One open video, decoded on a thread of its own. Every command (play, pause, seek, step, speed, loop, close) is
 * queued to that thread, which alone touches the {@link FrameReader}, and returns a future that completes once the
 * command's frame has been handed to the {@link Listener}. Closing stops the thread and frees the grabber.
 *
 * <p>Playing follows the video's timestamps at the chosen speed ({@link FrameClock}): at each frame's due time the
 * thread asks the reader for the frame due now, so when decoding falls behind, the frames in between are decoded
 * but not converted or shown (dropped) and playback keeps time instead of slowing down. A loop segment sends the
 * clock back to its start when it reaches its end.
 *
 * <p>A file with an audio track gets an {@link AudioPlayback} (a thread of its own) that this thread keeps told
 * where the clock stands: the sound plays along while the video plays at 1x, and is silent when paused, at other
 * speeds (there is no pitch-corrected sound) and when muted. The video stays the master clock; a file without an
 * audio track gets no audio thread at all.
 */
public final class Playback {

    /** What the decode thread reports; called on that thread, in this order: opened (or failed), then frames. */
    public interface Listener {
        /** The file opened; its first frame follows. */
        void opened(VideoMetadata metadata);

        /** A frame to show. */
        void frame(PlayerFrame frame);

        /** Playing started or stopped (by a command, at the end of the video, or after an error). */
        void playing(boolean playing);

        /** The file cannot be opened or decoded further; the message is meant for the user. */
        void failed(String message);

        /**
         * The audio track cannot be played (no audio device, or it cannot be decoded): the video plays on without
         * sound. Called once at most, on the audio thread; the message is meant for the user.
         */
        default void silent(String message) {
        }
    }

    /**
     * Playing asks the reader for the frame nearest {@code now - interval / 2 + LATEST_SLACK}: the latest frame at
     * or before now. The slack, seconds, is above the reader's own (timestamps are whole microseconds) so that a
     * frame due exactly now counts as passed.
     */
    private static final double LATEST_SLACK = 1e-5;

    private record Command(Runnable action, CompletableFuture<Void> done) {
    }

    private final Path file;
    private final Listener listener;
    private final Supplier<AudioSink> sinks;
    private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    /** The latest seek target not yet acted on: a burst of seeks (a dragged slider) decodes only the last. */
    private final AtomicReference<Double> seekTarget = new AtomicReference<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile boolean closing;

    // Decode thread only.
    private final FrameClock clock = new FrameClock();
    private FrameReader reader;
    /** The sound, when the file has an audio track. */
    private AudioPlayback audio;
    private VideoMetadata metadata;
    private double shownTime;
    private boolean playing;
    private double loopStart = Double.NaN;
    private double loopEnd = Double.NaN;
    /** While playing, the video time at which the next frame is due. */
    private double nextDue;

    private Playback(Path file, Listener listener, Supplier<AudioSink> sinks) {
        this.file = file;
        this.listener = listener;
        this.sinks = sinks;
    }

    /**
     * Starts the decode thread, which opens the file and shows its first frame; a file that cannot be opened is
     * reported to {@link Listener#failed} and ends the thread. The sound goes to the computer's audio output.
     */
    public static Playback open(Path file, Listener listener) {
        return open(file, listener, JavaSoundSink::new);
    }

    /** As {@link #open(Path, Listener)}, with the sound of a file that has an audio track going to a new sink. */
    static Playback open(Path file, Listener listener, Supplier<AudioSink> sinks) {
        Playback p = new Playback(file, listener, sinks);
        Thread t = new Thread(p::run, "player-decode " + file.getFileName());
        t.setDaemon(true);
        t.start();
        return p;
    }

    public CompletableFuture<Void> play() {
        return submit(this::startPlaying);
    }

    public CompletableFuture<Void> pause() {
        return submit(() -> setPlaying(false));
    }

    /**
     * Shows the frame at a time (clamped to the video) and, while playing, plays on from there. Of several seeks
     * queued at once only the last is decoded; all their futures complete when its frame is shown.
     */
    public CompletableFuture<Void> seek(double seconds) {
        if (!Double.isFinite(seconds)) {
            throw new IllegalArgumentException("seek time must be finite but was " + seconds);
        }
        seekTarget.set(seconds);
        return submit(() -> {
            Double target = seekTarget.getAndSet(null);
            if (target != null) {
                showAt(target);
            }
        });
    }

    /** Pauses and shows the frame {@code frames} frame intervals after (negative: before) the one shown. */
    public CompletableFuture<Void> step(int frames) {
        return submit(() -> {
            setPlaying(false);
            showAt(shownTime + frames * metadata.frameInterval());
        });
    }

    /** Plays at {@code speed} times real time from now on; &gt; 0. */
    public CompletableFuture<Void> speed(double speed) {
        if (!(speed > 0) || !Double.isFinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite number > 0 but was " + speed);
        }
        return submit(() -> {
            clock.speed(speed, System.nanoTime());
            followClock();
        });
    }

    /** Silences the sound (the video plays on), or lets it play again. */
    public CompletableFuture<Void> mute(boolean muted) {
        return submit(() -> {
            if (audio != null) {
                audio.muted(muted);
            }
        });
    }

    /** Loudness of the sound, 0 (silent) to 1 (as recorded). */
    public CompletableFuture<Void> volume(double level) {
        if (!(level >= 0 && level <= 1)) {
            throw new IllegalArgumentException("volume must be 0 to 1 but was " + level);
        }
        return submit(() -> {
            if (audio != null) {
                audio.volume(level);
            }
        });
    }

    /**
     * Plays only {@code [start, end)} from now on, over and over; goes to {@code start} when the frame shown is
     * outside it.
     */
    public CompletableFuture<Void> loop(double start, double end) {
        if (!(start >= 0) || !(end > start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("a loop needs 0 <= start < end but was " + start + ".." + end);
        }
        return submit(() -> {
            loopStart = start;
            loopEnd = end;
            if (shownTime < start || shownTime >= end) {
                showAt(start);
            }
        });
    }

    public CompletableFuture<Void> clearLoop() {
        return submit(() -> {
            loopStart = Double.NaN;
            loopEnd = Double.NaN;
        });
    }

    /** Stops decoding and frees the grabber; the future completes when it is freed. Later commands are cancelled. */
    public CompletableFuture<Void> close() {
        closing = true;
        commands.add(new Command(() -> { }, new CompletableFuture<>()));
        return closed;
    }

    private CompletableFuture<Void> submit(Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closing) {
            done.cancel(false);
        } else {
            commands.add(new Command(action, done));
        }
        return done;
    }

    private void run() {
        try {
            reader = FrameReader.open(file);
            metadata = reader.metadata();
            listener.opened(metadata);
            if (metadata.hasAudio()) {
                audio = AudioPlayback.start(file, sinks.get(), listener::silent);
            }
            show(reader.frameAt(0));
            loop();
        } catch (VideoFormatException e) {
            listener.failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            listener.failed(file + ": the player failed: " + e);
        } finally {
            if (audio != null) {
                audio.close();
            }
            if (reader != null) {
                reader.close();
            }
            for (Command c = commands.poll(); c != null; c = commands.poll()) {
                c.done().cancel(false);
            }
            closed.complete(null);
        }
    }

    /** Runs commands as they come and, while playing, shows each frame when it is due. */
    private void loop() throws InterruptedException {
        while (!closing) {
            Command c = playing
                    ? commands.poll(clock.nanosAt(nextDue) - System.nanoTime(), TimeUnit.NANOSECONDS)
                    : commands.take();
            try {
                if (c != null) {
                    c.action().run();
                    c.done().complete(null);
                } else {
                    tick();
                }
            } catch (VideoFormatException e) {
                setPlaying(false);
                listener.failed(e.getMessage());
                if (c != null) {
                    c.done().completeExceptionally(e);
                }
            }
        }
    }

    /**
     * Shows the frame due now, or loops, or stops at the end. The frame due is the latest whose timestamp has
     * passed (not the nearest, as for a seek), so a wake-up that comes late by less than a frame interval shows the
     * frame it woke for instead of skipping it.
     */
    private void tick() {
        long now = System.nanoTime();
        double t = clock.secondsAt(now);
        double interval = metadata.frameInterval();
        if (!Double.isNaN(loopEnd) && t >= loopEnd) {
            show(reader.frameAt(loopStart));
            clock.start(shownTime, now);
            followClock();
            nextDue = shownTime + interval;
            return;
        }
        SampledFrame f = reader.frameAt(Math.max(0, Math.min(t - interval / 2 + LATEST_SLACK, metadata.duration())));
        if (f.time() != shownTime) {
            show(f);
        }
        if (t >= metadata.duration()) {
            setPlaying(false);
        } else {
            // past the last frame (or in a gap of a variable frame rate) the same frame is found again, cheaply
            nextDue = Math.max(f.time() + interval, t + interval / 2);
        }
    }

    private void startPlaying() {
        if (playing) {
            return;
        }
        double interval = metadata.frameInterval();
        if (shownTime + interval >= metadata.duration()) {
            showAt(Double.isNaN(loopStart) ? 0 : loopStart); // at the end: play again from the start
        }
        clock.start(shownTime, System.nanoTime());
        nextDue = shownTime + interval;
        setPlaying(true);
    }

    private void showAt(double seconds) {
        show(reader.frameAt(Math.max(0, Math.min(seconds, metadata.duration()))));
        if (playing) {
            clock.start(shownTime, System.nanoTime());
            followClock();
            nextDue = shownTime + metadata.frameInterval();
        }
    }

    private void show(SampledFrame frame) {
        shownTime = frame.time();
        listener.frame(PlayerFrame.of(frame));
    }

    private void setPlaying(boolean now) {
        if (playing != now) {
            playing = now;
            followClock();
            listener.playing(now);
        }
    }

    /** Tells the sound where the clock stands: it plays along only while the video plays at 1x. */
    private void followClock() {
        if (audio == null) {
            return;
        }
        if (playing && clock.speed() == 1) {
            long now = System.nanoTime();
            audio.follow(clock.secondsAt(now), now);
        } else {
            audio.stop();
        }
    }
}
