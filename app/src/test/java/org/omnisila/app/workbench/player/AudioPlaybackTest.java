package org.omnisila.app.workbench.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.video.SyntheticVideo;

/**
 * The sound of a {@link Playback}, collected by a {@link CollectingSink}. The video (3 s, 10 fps) is silent except
 * for a 440 Hz tone from 1.0 s to 2.0 s and from 2.5 s to 3.0 s, so the first loud sample of what is written
 * says which time of the video the writing started at: a tone start at {@code T} heard {@code n} samples into a
 * run means the run started at {@code T - n / 48000} s.
 */
class AudioPlaybackTest {
    private static final double RATE = AudioDecoder.RATE;
    /** A sample louder than this is the tone (amplitude 8,192); AAC's noise before an onset stays far below. */
    private static final int LOUD = 1000;
    /** Slack for the times compared, seconds: the tone's first quarter-wave, a thread preempted between steps. */
    private static final double SLACK = 0.01;
    @TempDir
    static Path dir;
    private static Path tone;
    private static Path silent;

    private final CollectingSink sink = new CollectingSink();
    private final PlaybackEvents events = new PlaybackEvents(0);
    private final AtomicInteger sinksMade = new AtomicInteger();
    private Playback playback;

    @BeforeAll
    static void writeVideos() throws Exception {
        tone = dir.resolve("tone.mp4");
        SyntheticVideo.mp4(64, 48, 10, 30)
                .audio(t -> (t >= 1 && t < 2) || t >= 2.5 ? 0.25 * Math.sin(2 * Math.PI * 440 * t) : 0)
                .write(tone);
        silent = dir.resolve("silent.mp4");
        SyntheticVideo.mp4(64, 48, 10, 30).write(silent);
    }

    @AfterEach
    void close() throws Exception {
        if (playback != null) {
            playback.close().get(5, TimeUnit.SECONDS);
        }
    }

    /** Opens a video with the sound going to {@link #sink}, shows the frame at a time and waits for the sink. */
    private void open(Path video, double at) throws Exception {
        playback = Playback.open(video, events, () -> {
            sinksMade.incrementAndGet();
            return sink;
        });
        playback.seek(at).get(5, TimeUnit.SECONDS);
        if (video == tone) {
            waitFor(() -> sink.format() != null, "the audio thread to open the sink");
        }
    }

    @Test
    void playingStartsTheSoundAtTheTimeTheClockReadsAndPauseStopsIt() throws Exception {
        open(tone, 0.9);
        assertEquals(48_000, sink.format().getSampleRate());
        assertEquals(1, sink.format().getChannels());
        Span play = play();
        Thread.sleep(500);
        long pauseCalled = System.nanoTime();
        playback.pause().get(5, TimeUnit.SECONDS);
        long paused = System.nanoTime();
        waitFor(() -> sink.flushes() == 1, "the pause to flush the sink");
        double written = sink.seconds();
        Thread.sleep(300);
        assertEquals(written, sink.seconds(), "nothing is written while paused");
        assertEquals(1, sink.runCount());

        CollectingSink.Run run = sink.run(0);
        double start = assertStartsAtTheClock(0, 1.0, 0.9, play);
        System.out.printf("audio start: first samples written %.1f ms after play(); they are the video's %.4f s,"
                + " the clock read %.4f..%.4f s then%n", (run.firstWrite - play.called()) / 1e6, start,
                0.9 + (run.firstWrite - play.done()) / 1e9, 0.9 + (run.firstWrite - play.called()) / 1e9);
        // written: from the first write until the pause, and LEAD ahead of it (a decoded piece, 23 ms, more at most;
        // less when a busy machine held the audio thread up)
        double least = (pauseCalled - run.firstWrite) / 1e9 + AudioPlayback.LEAD - 0.1;
        double most = (paused - run.firstWrite) / 1e9 + AudioPlayback.LEAD + 0.05;
        assertTrue(written > least && written < most, written + " s written, expected " + least + ".." + most);
    }

    @Test
    void aSeekWhilePlayingRestartsTheSoundAtTheNewTime() throws Exception {
        open(tone, 0.6);
        Span play = play();
        Thread.sleep(450);
        long seekCalled = System.nanoTime();
        playback.seek(2.3).get(5, TimeUnit.SECONDS); // the frame of 2.3 s is shown, and the clock starts there
        Span seek = new Span(seekCalled, System.nanoTime());
        waitFor(() -> sink.runCount() == 2 && sink.samples(1).length > 0.3 * RATE, "sound after the seek");
        playback.pause().get(5, TimeUnit.SECONDS);

        assertStartsAtTheClock(0, 1.0, 0.6, play);
        assertStartsAtTheClock(1, 2.5, 2.3, seek);
    }

    @Test
    void aLoopRestartsTheSoundAtItsStartEachTime() throws Exception {
        open(tone, 0);
        playback.loop(0.8, 1.3).get(5, TimeUnit.SECONDS);
        playback.play().get(5, TimeUnit.SECONDS);
        waitFor(() -> sink.runCount() >= 3, "two rounds of the loop");
        playback.pause().get(5, TimeUnit.SECONDS);
        for (int i = 0; i < 2; i++) {
            double start = startOf(i, 1.0);
            double length = sink.samples(i).length / RATE;
            // each round starts at 0.8 s (a few ms later: the first write comes after the jump; playing on
            // instead would start the round at 1.3 s, where the tone is already on)
            assertTrue(start > 0.8 - SLACK && start < 0.8 + 0.1, "round " + i + " starts at " + start + " s");
            // and is cut at the jump: half a second and the lead written ahead, no more
            assertTrue(length > 0.3 && length < 0.5 + AudioPlayback.LEAD + 0.1, "round " + i + ": " + length + " s");
        }
    }

    @Test
    void atSpeedsOtherThan1xThereIsNoSound() throws Exception {
        open(tone, 1.0);
        playback.speed(2).get(5, TimeUnit.SECONDS);
        playback.play().get(5, TimeUnit.SECONDS);
        Thread.sleep(300);
        assertEquals(0, sink.runCount(), "nothing written at 2x");
        assertTrue(events.times.get(events.times.size() - 1) > 1.3, "the video did play: " + events.times);
        playback.speed(1).get(5, TimeUnit.SECONDS); // back to 1x while playing: the sound comes back
        waitFor(() -> sink.runCount() == 1 && sink.seconds() > 0.1, "sound at 1x");
        short[] s = sink.samples(0);
        assertTrue(loudest(s) > 6000, "the tone plays on at 1x: " + loudest(s));
    }

    @Test
    void muteSilencesAtOnceAndUnmuteResumesAtTheClockAndVolumeReachesTheSink() throws Exception {
        open(tone, 0);
        Span play = play();
        Thread.sleep(200);
        playback.mute(true).get(5, TimeUnit.SECONDS);
        waitFor(() -> sink.flushes() == 1, "mute to flush the sink");
        double written = sink.seconds();
        Thread.sleep(250);
        assertEquals(written, sink.seconds(), "nothing is written while muted");
        playback.volume(0.25);
        playback.mute(false).get(5, TimeUnit.SECONDS);
        waitFor(() -> sink.runCount() == 2 && sink.samples(1).length > 0.8 * RATE, "sound after unmuting");
        assertStartsAtTheClock(1, 1.0, 0, play); // the video played on meanwhile: the clock read about 0.5 s
        assertEquals(List.of(0.25), sink.volumes());
    }

    @Test
    void aVideoWithoutAnAudioTrackGetsNoAudioThread() throws Exception {
        open(silent, 0);
        playback.play().get(5, TimeUnit.SECONDS);
        Thread.sleep(200);
        assertEquals(0, sinksMade.get());
        assertEquals(0, audioThreads(silent));
        assertTrue(events.silent.isEmpty(), events.silent.toString());
    }

    @Test
    void closingStopsAndJoinsTheAudioThreadAndFreesTheSink() throws Exception {
        open(tone, 1.0);
        playback.play().get(5, TimeUnit.SECONDS);
        waitFor(() -> sink.seconds() > 0.1, "sound");
        assertEquals(1, audioThreads(tone));
        playback.close().get(5, TimeUnit.SECONDS);
        playback = null;
        assertTrue(sink.closed());
        assertEquals(0, audioThreads(tone), "the audio thread has ended when close completes");
        assertEquals(1, sinksMade.get());
    }

    @Test
    void aTrackThatCannotBeDecodedIsReportedOnceAndTheThreadEnds() throws Exception {
        Path text = dir.resolve("notes.mp4");
        Files.writeString(text, "not a video\n");
        List<String> problems = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = CompletableFuture.runAsync(
                () -> AudioPlayback.start(text, sink, problems::add).close());
        closed.get(5, TimeUnit.SECONDS);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("notes.mp4: the sound cannot be played ("), problems.get(0));
        assertTrue(problems.get(0).endsWith("): playing without sound"), problems.get(0));
        assertEquals(null, sink.format(), "no sink was opened");
    }

    /** A command's wall times, {@link System#nanoTime()}: the clock (re)started between the two. */
    private record Span(long called, long done) {
    }

    /** Starts playing; the clock started at the frame shown. */
    private Span play() throws Exception {
        long called = System.nanoTime();
        playback.play().get(5, TimeUnit.SECONDS);
        return new Span(called, events.playingSince);
    }

    /**
     * Asserts that a run's first sample is the one due when it was written, by a clock that started at
     * {@code clockStart} during {@code command}; returns its time.
     */
    private double assertStartsAtTheClock(int run, double toneStart, double clockStart, Span command) {
        double start = startOf(run, toneStart);
        long written = sink.run(run).firstWrite;
        double earliest = clockStart + (written - command.done()) / 1e9;
        double latest = clockStart + (written - command.called()) / 1e9;
        assertTrue(start > earliest - SLACK && start < latest + SLACK,
                "run " + run + " starts at " + start + " s; the clock read " + earliest + ".." + latest + " s");
        return start;
    }

    /** The video time of a run's first sample, from where in it the tone that starts at {@code toneStart} begins. */
    private double startOf(int run, double toneStart) {
        short[] s = sink.samples(run);
        for (int i = 0; i < s.length; i++) {
            if (Math.abs(s[i]) > LOUD) {
                return toneStart - i / RATE;
            }
        }
        throw new AssertionError("no tone in run " + run + " (" + s.length + " samples)");
    }

    private static int loudest(short[] s) {
        int max = 0;
        for (short v : s) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    static long audioThreads(Path video) {
        String name = "player-audio " + video.getFileName();
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive())
                .count();
    }

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
