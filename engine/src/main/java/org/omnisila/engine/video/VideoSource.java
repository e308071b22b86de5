package org.omnisila.engine.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * An opened video file: an FFmpeg grabber that decodes to RGB, and the file's {@link VideoMetadata}. Every way
 * a file can fail to open ends in a {@link VideoFormatException} naming the file. Not thread-safe; close it.
 */
final class VideoSource implements AutoCloseable {

    /** Relative difference between the average and the base frame rate above which the rate is "variable". */
    private static final double VARIABLE_RATE_TOLERANCE = 0.01;
    /** {@code AV_FRAME_FLAG_CORRUPT} of libavutil/frame.h, a macro the JavaCPP presets do not map. */
    private static final int FRAME_FLAG_CORRUPT = 1;

    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final VideoMetadata metadata;

    private VideoSource(Path file, FFmpegFrameGrabber grabber, VideoMetadata metadata) {
        this.file = file;
        this.grabber = grabber;
        this.metadata = metadata;
    }

    /**
     * Opens a file and reads its metadata.
     *
     * @throws VideoFormatException when the file is missing, empty, unreadable, not a video, has no video
     *     stream or a video codec this build cannot decode
     */
    static VideoSource open(Path file) {
        checkFile(file);
        FfmpegLog.install();
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        try {
            g.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(g);
            throw new VideoFormatException(file, StreamDiagnosis.explain(file), e);
        }
        try {
            AVStream video = videoStream(g.getFormatContext());
            if (video == null || g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
                throw new VideoFormatException(file, StreamDiagnosis.explain(file));
            }
            return new VideoSource(file, g, readMetadata(file, g, video));
        } catch (RuntimeException e) {
            closeQuietly(g);
            throw e;
        }
    }

    private static void checkFile(Path file) {
        if (!Files.exists(file)) {
            throw new VideoFormatException(file, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new VideoFormatException(file, "this is a folder, not a video file");
        }
        if (!Files.isReadable(file)) {
            throw new VideoFormatException(file, "the file cannot be read (permission denied)");
        }
        try {
            if (Files.size(file) == 0) {
                throw new VideoFormatException(file, "the file is empty (0 bytes)");
            }
        } catch (IOException e) {
            throw new VideoFormatException(file, "the file cannot be read: " + e.getMessage(), e);
        }
    }

    /** The stream the grabber decodes: the first video stream with a known codec, as JavaCV chooses it. */
    private static AVStream videoStream(AVFormatContext oc) {
        for (int i = 0; i < oc.nb_streams(); i++) {
            AVStream s = oc.streams(i);
            if (s.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO
                    && s.codecpar().codec_id() != avcodec.AV_CODEC_ID_NONE) {
                return s;
            }
        }
        return null;
    }

    private static VideoMetadata readMetadata(Path file, FFmpegFrameGrabber g, AVStream video) {
        double avg = rate(video.avg_frame_rate());
        double base = rate(video.r_frame_rate());
        double declared = avg > 0 ? avg : base;
        boolean variable = avg > 0 && base > 0 && Math.abs(avg - base) / base > VARIABLE_RATE_TOLERANCE;
        double duration = duration(g, video);
        if (!(duration > 0)) {
            throw new VideoFormatException(file, "the file declares no duration for its video, so it cannot be "
                    + "cut into segments (a raw stream? remux it into MP4 or MKV)");
        }
        long counted = video.nb_frames();
        double fps = (variable || declared <= 0) && counted > 0 ? counted / duration : declared;
        if (!(fps > 0) || !Double.isFinite(fps)) {
            throw new VideoFormatException(file, "the file declares no frame rate and no frame count");
        }
        long frames = counted > 0 ? counted : Math.max(1, Math.round(duration * fps));
        return new VideoMetadata(file, g.getFormat(), g.getVideoCodecName(), g.getImageWidth(), g.getImageHeight(),
                rotation(g), duration, declared, fps, variable, frames, counted > 0, g.getAudioChannels() > 0);
    }

    private static double rate(AVRational r) {
        return r.num() > 0 && r.den() > 0 ? (double) r.num() / r.den() : 0;
    }

    /** The video stream's own duration where the container records it, else the container's. */
    private static double duration(FFmpegFrameGrabber g, AVStream video) {
        long d = video.duration();
        if (d != avutil.AV_NOPTS_VALUE && d > 0) {
            return d * rate(video.time_base());
        }
        long us = g.getLengthInTime();
        return us > 0 ? us / 1e6 : 0;
    }

    /**
     * Clockwise degrees that show a stored frame upright. FFmpeg's display matrix gives the counter-clockwise
     * angle; older files carry a clockwise {@code rotate} tag instead.
     */
    static int rotation(FFmpegFrameGrabber g) {
        double ccw = g.getDisplayRotation();
        if (Double.isFinite(ccw) && ccw != 0) {
            return quarterTurns(-ccw);
        }
        String tag = g.getVideoMetadata("rotate");
        if (tag != null) {
            try {
                return quarterTurns(Double.parseDouble(tag.strip()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static int quarterTurns(double clockwise) {
        long q = Math.round(clockwise / 90);
        return (int) (((q % 4) + 4) % 4) * 90;
    }

    VideoMetadata metadata() {
        return metadata;
    }

    FFmpegFrameGrabber grabber() {
        return grabber;
    }

    /**
     * The next decoded picture, or null at the end of the video.
     *
     * @throws VideoFormatException when FFmpeg fails hard (not for damaged data, which it skips or conceals)
     */
    Frame next() {
        try {
            return grabber.grabImage();
        } catch (FrameGrabber.Exception e) {
            throw new VideoFormatException(file, "decoding failed: " + e.getMessage(), e);
        }
    }

    /** Time of a decoded frame, seconds from the start of the file. */
    static double seconds(Frame frame) {
        return frame.timestamp / 1e6;
    }

    /** Whether FFmpeg marked the frame as corrupt or concealed decoding errors in it. */
    static boolean damaged(Frame frame) {
        return frame.opaque instanceof AVFrame av
                && (av.decode_error_flags() != 0 || (av.flags() & FRAME_FLAG_CORRUPT) != 0);
    }

    /** The frame's pixels, upright (turned by the video's rotation), copied out of the grabber's buffer. */
    RgbImage image(Frame frame) {
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        int stride = frame.imageStride;
        ByteBuffer src = ((ByteBuffer) frame.image[0]).duplicate();
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            src.position(y * stride);
            src.get(rgb, y * w * 3, w * 3);
        }
        return RgbImage.wrap(w, h, rgb).rotated(metadata.rotation());
    }

    @Override
    public void close() {
        closeQuietly(grabber);
    }

    private static void closeQuietly(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            // nothing was written; releasing native memory failed, which the next GC finaliser retries
        }
    }
}
