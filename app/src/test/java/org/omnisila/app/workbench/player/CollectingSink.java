package org.omnisila.app.workbench.player;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;

/**
 * An {@link AudioSink} that keeps what it is given, as runs: a run is what was written between two flushes, with
 * the wall time of its first write. Thread-safe, so that a test can look while the audio thread writes.
 */
final class CollectingSink implements AudioSink {

    /** What was written between two flushes. */
    static final class Run {
        /** When its first samples were written, {@link System#nanoTime()}. */
        final long firstWrite;
        private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();

        private Run(long firstWrite) {
            this.firstWrite = firstWrite;
        }
    }

    private final List<Run> runs = new ArrayList<>();
    private final List<Double> volumes = new ArrayList<>();
    private AudioFormat format;
    private Run current;
    private int flushes;
    private boolean closed;

    @Override
    public synchronized void open(AudioFormat f) {
        format = f;
    }

    @Override
    public synchronized void write(byte[] pcm, int offset, int length) {
        if (closed || length % format.getFrameSize() != 0) {
            throw new IllegalStateException("closed, or not whole frames: " + length + " bytes");
        }
        if (current == null) {
            current = new Run(System.nanoTime());
            runs.add(current);
        }
        current.pcm.write(pcm, offset, length);
    }

    @Override
    public synchronized void flush() {
        current = null;
        flushes++;
    }

    @Override
    public synchronized void volume(double level) {
        volumes.add(level);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    synchronized AudioFormat format() {
        return format;
    }

    synchronized int runCount() {
        return runs.size();
    }

    synchronized Run run(int i) {
        return runs.get(i);
    }

    /** The first channel's samples of a run. */
    synchronized short[] samples(int i) {
        ByteBuffer b = ByteBuffer.wrap(runs.get(i).pcm.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        int channels = format.getChannels();
        short[] s = new short[b.remaining() / 2 / channels];
        for (int k = 0; k < s.length; k++) {
            s[k] = b.getShort(k * 2 * channels);
        }
        return s;
    }

    /** Sample frames written in all, seconds of sound. */
    synchronized double seconds() {
        long bytes = runs.stream().mapToLong(r -> r.pcm.size()).sum();
        return bytes / (double) format.getFrameSize() / format.getSampleRate();
    }

    synchronized int flushes() {
        return flushes;
    }

    synchronized List<Double> volumes() {
        return List.copyOf(volumes);
    }

    synchronized boolean closed() {
        return closed;
    }
}
