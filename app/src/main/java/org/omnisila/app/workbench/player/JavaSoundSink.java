package org.omnisila.app.workbench.player;

import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.FloatControl;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * The computer's default audio output, through a {@code javax.sound} {@link SourceDataLine}. A machine without one
 * (a server, CI) makes {@link #open} throw {@link LineUnavailableException}, whatever {@link AudioSystem} threw.
 * Volume is the line's master gain where the line has one, else the samples are scaled before they are queued.
 */
final class JavaSoundSink implements AudioSink {
    /** The line's queue, seconds: more than {@link AudioPlayback#LEAD}, so writes do not block. */
    static final double BUFFER_SECONDS = 0.5;

    private SourceDataLine line;
    private FloatControl gain;
    private double level = 1;
    private boolean started;

    @Override
    public void open(AudioFormat format) throws LineUnavailableException {
        SourceDataLine l = null;
        try {
            l = AudioSystem.getSourceDataLine(format);
            int frames = (int) (format.getSampleRate() * BUFFER_SECONDS);
            l.open(format, frames * format.getFrameSize());
        } catch (IllegalArgumentException | SecurityException e) { // "No line matching ... is supported"
            if (l != null) {
                l.close();
            }
            LineUnavailableException u = new LineUnavailableException(e.getMessage());
            u.initCause(e);
            throw u;
        }
        line = l;
        gain = l.isControlSupported(FloatControl.Type.MASTER_GAIN)
                ? (FloatControl) l.getControl(FloatControl.Type.MASTER_GAIN) : null;
        volume(level);
    }

    @Override
    public void write(byte[] pcm, int offset, int length) {
        if (!started) {
            line.start();
            started = true;
        }
        if (gain == null && level < 1) {
            byte[] scaled = Arrays.copyOfRange(pcm, offset, offset + length);
            scale(scaled, level);
            line.write(scaled, 0, length);
        } else {
            line.write(pcm, offset, length);
        }
    }

    @Override
    public void flush() {
        line.stop();
        line.flush();
        started = false;
    }

    @Override
    public void volume(double newLevel) {
        level = Math.max(0, Math.min(1, newLevel));
        if (gain != null) {
            double db = level > 0 ? 20 * Math.log10(level) : Double.NEGATIVE_INFINITY;
            gain.setValue((float) Math.max(gain.getMinimum(), Math.min(0, db)));
        }
    }

    @Override
    public void close() {
        if (line != null) {
            line.close();
        }
    }

    /** Multiplies signed 16-bit little-endian samples by {@code level} (0 to 1), in place. */
    static void scale(byte[] pcm, double level) {
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            int s = (short) ((pcm[i] & 0xff) | pcm[i + 1] << 8);
            int v = (int) Math.round(s * level);
            pcm[i] = (byte) v;
            pcm[i + 1] = (byte) (v >> 8);
        }
    }
}
