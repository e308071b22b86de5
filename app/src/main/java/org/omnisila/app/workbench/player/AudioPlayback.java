package org.omnisila.app.workbench.player;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sound.sampled.LineUnavailableException;

/**
 * A video's audio track played along the video's clock, on a thread of its own. The video is the master: the
 * {@link Playback} says where its clock stands whenever it starts, jumps (seek, loop) or stops, and while the clock
 * runs at 1x and the sound is not muted this thread decodes the track ({@link AudioDecoder}) and writes its PCM to
 * an {@link AudioSink}, each piece when the clock is {@link #LEAD} before its time.
 *
 * <p>A new clock discards what is queued (the sink is flushed) and starts again at the time the clock reads when
 * the first samples are written, to the sample. Samples that come more than {@link #LATE} after their time (this
 * thread was held up) are skipped rather than played late. Between two changes of the clock the sound card's own
 * clock paces the sound, so a card running slow or fast by a few parts in ten thousand lets the sound drift that
 * much from the picture until the next play, seek or pause.
 *
 * <p>When there is no audio device, or the track cannot be decoded, the problem is reported once (a message for
 * the user) and the thread ends: the video plays on without sound. Closing stops the thread, waits for it and
 * frees the grabber and the sink.
 */
final class AudioPlayback {
    /** What the user reads when the computer has no sound output. */
    static final String NO_DEVICE = "No audio device: playing without sound";
    /** How far ahead of the clock samples are written (the queue in the sink), seconds. */
    static final double LEAD = 0.2;
    /** Samples this late or less are played on, not skipped (a skip is heard as a click), seconds. */
    static final double LATE = 0.04;
    /** A clock that reads within this of the one followed is the same clock (a repeated 1x), seconds. */
    private static final double SAME_CLOCK = 0.002;

    /** The clock to follow and the change it came with; the change is stale once {@link #changes} moved on. */
    private record Target(FrameClock clock, long change) {
    }

    private final Path file;
    private final AudioSink sink;
    private final Consumer<String> problems;
    private final Thread thread;

    // Guarded by this.
    private FrameClock clock;
    private boolean muted;
    private boolean closing;
    private long changes;
    private double volume = 1;
    private boolean volumeChanged;

    private AudioPlayback(Path file, AudioSink sink, Consumer<String> problems) {
        this.file = file;
        this.sink = sink;
        this.problems = problems;
        this.thread = new Thread(this::run, "player-audio " + file.getFileName());
        thread.setDaemon(true);
    }

    /**
     * Starts the thread, which opens the file's audio track and the sink, then waits for a clock to follow.
     *
     * @param problems told once, on that thread, why there is no sound, in words for the user
     */
    static AudioPlayback start(Path file, AudioSink sink, Consumer<String> problems) {
        AudioPlayback a = new AudioPlayback(file, sink, problems);
        a.thread.start();
        return a;
    }

    /** Plays along a clock running at 1x that reads {@code seconds} at wall time {@code nanos}. */
    synchronized void follow(double seconds, long nanos) {
        if (clock != null && Math.abs(clock.secondsAt(nanos) - seconds) < SAME_CLOCK) {
            return;
        }
        FrameClock c = new FrameClock(); // never changed after this: a new clock is a new object
        c.start(seconds, nanos);
        clock = c;
        changed();
    }

    /** Stops the sound at once: the video paused, or plays at a speed other than 1x. */
    synchronized void stop() {
        if (clock != null) {
            clock = null;
            changed();
        }
    }

    /** Silences the sound, or lets it play again from the time the clock reads. */
    synchronized void muted(boolean now) {
        if (muted != now) {
            muted = now;
            changed();
        }
    }

    /** Loudness, 0 to 1, handed to the sink before the next samples are written. */
    synchronized void volume(double level) {
        volume = level;
        volumeChanged = true;
    }

    /** Stops the thread and waits until it has freed the grabber and the sink. */
    void close() {
        synchronized (this) {
            closing = true;
            changed();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void changed() {
        changes++;
        notifyAll();
    }

    private void run() {
        try (AudioDecoder decoder = AudioDecoder.open(file)) {
            sink.open(decoder.format());
            try {
                for (Target t = awaitSound(); t != null; t = awaitSound()) {
                    play(decoder, t);
                    sink.flush();
                }
            } finally {
                sink.close();
            }
        } catch (LineUnavailableException e) {
            problems.accept(NO_DEVICE);
        } catch (IOException e) {
            problems.accept(file.getFileName() + ": the sound cannot be played (" + e.getMessage()
                    + "): playing without sound");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            problems.accept(file.getFileName() + ": the sound failed (" + e + "): playing without sound");
        }
    }

    /** Waits until there is a clock to follow and the sound is on; null when closing. */
    private synchronized Target awaitSound() throws InterruptedException {
        while (!closing && (clock == null || muted)) {
            wait();
        }
        return closing ? null : new Target(clock, changes);
    }

    /**
     * Writes the track from the time the clock reads until the target changes; at the end of the track, waits for
     * that change while the queue plays out.
     */
    private void play(AudioDecoder decoder, Target t) throws IOException, InterruptedException {
        int frameBytes = decoder.format().getFrameSize();
        decoder.seek(t.clock().secondsAt(System.nanoTime()));
        boolean first = true;
        for (AudioDecoder.Chunk c = decoder.next(); c != null; c = decoder.next()) {
            if (!awaitUntil(t, t.clock().nanosAt(c.start() - LEAD))) {
                return;
            }
            int frames = c.pcm().length / frameBytes;
            double now = t.clock().secondsAt(System.nanoTime());
            double from = first || c.start() < now - LATE ? now : c.start();
            int skip = (int) Math.max(0, Math.min(frames, Math.round((from - c.start()) * AudioDecoder.RATE)));
            if (skip < frames) {
                applyVolume();
                sink.write(c.pcm(), skip * frameBytes, (frames - skip) * frameBytes);
                first = false;
            }
        }
        awaitChange(t);
    }

    private synchronized void awaitChange(Target t) throws InterruptedException {
        while (changes == t.change()) {
            wait();
        }
    }

    /** Waits until a wall time; false, at once, when the target changes first. */
    private synchronized boolean awaitUntil(Target t, long nanos) throws InterruptedException {
        while (changes == t.change()) {
            long left = nanos - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return false;
    }

    private void applyVolume() {
        double level;
        synchronized (this) {
            if (!volumeChanged) {
                return;
            }
            volumeChanged = false;
            level = volume;
        }
        sink.volume(level);
    }
}
