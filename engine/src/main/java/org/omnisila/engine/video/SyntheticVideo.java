package org.omnisila.engine.video;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes videos whose frames show their own index, for tests, benchmarks and self-checks: the picture is a
 * grid of 4 x 3 blocks, block b light when bit b of the frame index is set (up to 4,095 frames), so a decoded
 * frame says which one it is ({@link #indexOf}) even after lossy compression.
 *
 * <p>Configure with the fluent setters, then {@link #write}. Encoders of this FFmpeg build: {@code libopenh264}
 * (H.264, in {@code mp4}), {@code mpeg4}, {@code msmpeg4v2}, {@code mjpeg} (in {@code avi}), {@code libvpx} and
 * {@code libvpx-vp9} (in {@code webm} or {@code matroska}).
 */
public final class SyntheticVideo {

    /** Bits of the index, blocks in the grid. */
    public static final int BITS = 12;
    private static final int COLUMNS = 4;
    private static final int ROWS = 3;
    private static final int DARK = 40;
    private static final int LIGHT = 215;
    private static final int SAMPLE_RATE = 44_100;
    /** The default audio: a quiet 440 Hz tone. */
    private static final DoubleUnaryOperator QUIET_TONE = t -> 0.025 * Math.sin(2 * Math.PI * 440 * t);

    private final String format;
    private final String codec;
    private final int width;
    private final int height;
    private final double fps;
    private final int frames;
    private int rotation;
    private DoubleUnaryOperator audio;
    private boolean texture;
    private double[] frameTimes;

    /**
     * @param format FFmpeg muxer name, e.g. {@code mp4}, {@code avi}, {@code webm}, {@code matroska}
     * @param codec  FFmpeg encoder name, e.g. {@code libopenh264}
     * @param width  pixels, at least 8
     * @param height pixels, at least 6
     * @param fps    frame rate (the time base of the file)
     * @param frames number of frames, 1..4095
     */
    public SyntheticVideo(String format, String codec, int width, int height, double fps, int frames) {
        this.format = Objects.requireNonNull(format, "format");
        this.codec = Objects.requireNonNull(codec, "codec");
        if (width < COLUMNS * 2 || height < ROWS * 2 || fps <= 0 || frames < 1 || frames >= 1 << BITS) {
            throw new IllegalArgumentException("need width >= 8, height >= 6, fps > 0 and 1..4095 frames; got "
                    + width + "x" + height + ", " + fps + ", " + frames);
        }
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.frames = frames;
    }

    /** H.264 (libopenh264) in MP4. */
    public static SyntheticVideo mp4(int width, int height, double fps, int frames) {
        return new SyntheticVideo("mp4", "libopenh264", width, height, fps, frames);
    }

    /** Display rotation to record, clockwise degrees (0, 90, 180, 270), as {@link VideoMetadata#rotation()}. */
    public SyntheticVideo rotation(int clockwise) {
        this.rotation = clockwise;
        return this;
    }

    /** Whether to add a mono AAC audio track (a quiet 440 Hz tone) as long as the video. */
    public SyntheticVideo audio(boolean withAudio) {
        this.audio = withAudio ? QUIET_TONE : null;
        return this;
    }

    /**
     * Adds a mono AAC audio track (44.1 kHz) as long as the video whose sample at time {@code t} seconds is
     * {@code signal(t)}, full scale -1 to 1 (clipped), so a test can tell which time it hears.
     */
    public SyntheticVideo audio(DoubleUnaryOperator signal) {
        this.audio = Objects.requireNonNull(signal, "signal");
        return this;
    }

    /** Whether to add moving noise to the blocks, for a decoder workload closer to real footage. */
    public SyntheticVideo texture(boolean withTexture) {
        this.texture = withTexture;
        return this;
    }

    /**
     * Timestamps of the frames, seconds, increasing, each a multiple of {@code 1 / fps} (the file's time base):
     * a variable frame rate. Default: frame i at {@code i / fps}.
     */
    public SyntheticVideo frameTimes(double... times) {
        if (times.length != frames) {
            throw new IllegalArgumentException(frames + " frame times needed, got " + times.length);
        }
        this.frameTimes = times.clone();
        return this;
    }

    /** Writes the video. */
    public void write(Path file) throws FrameRecorder.Exception {
        FfmpegLog.install();
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), width, height, audio != null ? 1 : 0)) {
            r.setFormat(format);
            r.setVideoCodecName(codec);
            r.setFrameRate(fps);
            r.setGopSize(12);
            r.setVideoBitrate(Math.max(200_000, width * height * 8));
            r.setPixelFormat(codec.equals("mjpeg") ? avutil.AV_PIX_FMT_YUVJ420P : avutil.AV_PIX_FMT_YUV420P);
            if (rotation != 0) {
                r.setDisplayRotation(-rotation);
            }
            if (audio != null) {
                r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                r.setSampleRate(SAMPLE_RATE);
                r.setAudioChannels(1);
            }
            r.start();
            Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            long samplesWritten = 0;
            for (int i = 0; i < frames; i++) {
                draw(frame, i);
                if (frameTimes != null) {
                    r.setTimestamp(Math.round(frameTimes[i] * 1e6));
                }
                r.record(frame, avutil.AV_PIX_FMT_BGR24);
                if (audio != null) {
                    double until = frameTimes != null ? frameTimes[i] + 1 / fps : (i + 1) / fps;
                    long target = Math.round(until * SAMPLE_RATE);
                    short[] tone = new short[(int) (target - samplesWritten)];
                    for (int k = 0; k < tone.length; k++) {
                        double v = audio.applyAsDouble((double) (samplesWritten + k) / SAMPLE_RATE);
                        tone[k] = (short) Math.round(Short.MAX_VALUE * Math.max(-1, Math.min(1, v)));
                    }
                    samplesWritten = target;
                    r.recordSamples(SAMPLE_RATE, 1, ShortBuffer.wrap(tone));
                }
            }
            r.stop();
        }
    }

    /** Writes an audio-only file (AAC in MP4/M4A) of the given length: no video stream at all. */
    public static void writeAudioOnly(Path file, double seconds) throws FrameRecorder.Exception {
        FfmpegLog.install();
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), 1)) {
            r.setFormat("mp4");
            r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            r.setSampleRate(SAMPLE_RATE);
            r.start();
            short[] silence = new short[1024];
            for (long done = 0; done < seconds * SAMPLE_RATE; done += silence.length) {
                r.recordSamples(SAMPLE_RATE, 1, ShortBuffer.wrap(silence));
            }
            r.stop();
        }
    }

    private void draw(Frame frame, int index) {
        ByteBuffer b = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        for (int y = 0; y < height; y++) {
            int row = Math.min(ROWS - 1, y * ROWS / height);
            for (int x = 0; x < width; x++) {
                int bit = row * COLUMNS + Math.min(COLUMNS - 1, x * COLUMNS / width);
                int v = ((index >> bit) & 1) == 1 ? LIGHT : DARK;
                if (texture) {
                    v += (hash(x + index * 3, y) & 31) - 16;
                }
                byte c = (byte) v;
                int o = y * stride + x * 3;
                b.put(o, c).put(o + 1, c).put(o + 2, c);
            }
        }
    }

    private static int hash(int x, int y) {
        int h = x * 0x27d4eb2d ^ y * 0x165667b1;
        h ^= h >>> 15;
        return h * 0x2c1b3c6d >>> 7;
    }

    /**
     * The frame index an upright image of a synthetic video shows: each block's centre (the middle half of the
     * block, averaged) read as one bit.
     */
    public static int indexOf(RgbImage image) {
        int index = 0;
        for (int bit = 0; bit < BITS; bit++) {
            int col = bit % COLUMNS;
            int row = bit / COLUMNS;
            int x0 = col * image.width() / COLUMNS;
            int x1 = (col + 1) * image.width() / COLUMNS;
            int y0 = row * image.height() / ROWS;
            int y1 = (row + 1) * image.height() / ROWS;
            long sum = 0;
            int n = 0;
            for (int y = y0 + (y1 - y0) / 4; y < y1 - (y1 - y0) / 4; y++) {
                for (int x = x0 + (x1 - x0) / 4; x < x1 - (x1 - x0) / 4; x++) {
                    sum += (image.pixel(x, y) >> 8) & 0xff;
                    n++;
                }
            }
            if (n > 0 && sum / n > (DARK + LIGHT) / 2) {
                index |= 1 << bit;
            }
        }
        return index;
    }
}
