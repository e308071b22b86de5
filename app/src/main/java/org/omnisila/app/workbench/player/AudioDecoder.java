package org.omnisila.app.workbench.player;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A video file's audio track decoded to signed 16-bit little-endian PCM at {@link #RATE}, mono or stereo (FFmpeg
 * mixes more channels down to two), by a JavaCV grabber of its own that decodes no pictures. Not thread-safe;
 * close it.
 */
final class AudioDecoder implements AutoCloseable {
    /** Samples per second of the PCM, whatever the file's rate: one format every sound card takes. */
    static final int RATE = 48_000;
    /**
     * A seek decodes from this far before the time asked for, seconds. It lands on the start of a compressed frame
     * (about 21 ms of AAC), and the first frame decoded after a seek is garbled (the decoder lacks the frame
     * before it to overlap with); the samples before the time are the caller's to skip.
     */
    static final double PRE_ROLL = 0.1;

    /** Decoded samples: the time of the first, seconds from the start of the file, and the PCM (whole frames). */
    record Chunk(double start, byte[] pcm) {
    }

    private final FFmpegFrameGrabber grabber;
    private final AudioFormat format;

    private AudioDecoder(FFmpegFrameGrabber grabber, AudioFormat format) {
        this.grabber = grabber;
        this.format = format;
    }

    /**
     * Opens a file's audio track.
     *
     * @throws IOException when the file cannot be opened or has no audio stream this build decodes
     */
    static AudioDecoder open(Path file) throws IOException {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        g.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
        g.setSampleRate(RATE);
        try {
            g.start();
            int channels = g.getAudioChannels();
            if (channels <= 0) {
                throw new IOException("it has no audio stream that can be decoded");
            }
            if (channels > 2) {
                g.setAudioChannels(2); // read back by each conversion: FFmpeg's resampler mixes down
            }
            return new AudioDecoder(g, new AudioFormat(RATE, 16, Math.min(2, channels), true, false));
        } catch (IOException | RuntimeException e) { // FrameGrabber.Exception is an IOException
            try (g) { // closed on the way out; a failure to close is added to the exception as suppressed
                throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
        }
    }

    /** The PCM's format. */
    AudioFormat format() {
        return format;
    }

    /** Goes to {@link #PRE_ROLL} before a time; {@link #next} then decodes from there. */
    void seek(double seconds) throws IOException {
        try {
            grabber.setAudioTimestamp(Math.max(0, Math.round((seconds - PRE_ROLL) * 1e6)));
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new IOException("seeking failed: " + e.getMessage(), e);
        }
    }

    /** The next decoded samples, or null at the end of the track. */
    Chunk next() throws IOException {
        Frame f;
        try {
            f = grabber.grabSamples();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new IOException("decoding failed: " + e.getMessage(), e);
        }
        if (f == null) {
            return null;
        }
        ShortBuffer samples = ((ShortBuffer) f.samples[0]).duplicate();
        byte[] pcm = new byte[samples.remaining() * 2];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(samples);
        return new Chunk(f.timestamp / 1e6, pcm);
    }

    @Override
    public void close() {
        try {
            grabber.close();
        } catch (IOException | RuntimeException e) {
            // releasing native memory failed; nothing was written, and the sound has stopped either way
        }
    }
}
