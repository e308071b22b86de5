package org.omnisila.annotator.export;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.omnisila.engine.video.FrameReader;
import org.omnisila.engine.video.RgbImage;

/**
 * Cuts a window of a video to an H.264 MP4 with settings that make the bytes depend only on the frames: the
 * frames on the source's frame grid from the window's start (k / fps after it, as {@link FrameReader} shows them,
 * upright), no audio, one encoder thread, a fixed bit rate and keyframe interval, FFmpeg's bit-exact mode (no
 * version or time stamps in the file). An odd width or height loses its last column or row (H.264 4:2:0 needs even
 * sizes).
 */
final class ClipWriter {

    /** Keyframe interval, frames. */
    static final int GOP = 12;

    private ClipWriter() {
    }

    /**
     * @param reader the source, positioned anywhere
     * @param fps    the source's frame rate
     * @param window the part to cut
     * @param file   the MP4 to write
     */
    static void write(FrameReader reader, double fps, MediaWindow window, Path file) throws FrameRecorder.Exception {
        int frames = Math.max(1, (int) Math.round(window.length() * fps));
        RgbImage first = reader.frameAt(window.start()).image();
        int width = Math.max(2, first.width() & ~1);
        int height = Math.max(2, first.height() & ~1);
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
            r.setFormat("mp4");
            r.setVideoCodecName("libopenh264");
            r.setFrameRate(fps);
            r.setGopSize(GOP);
            r.setVideoBitrate(Math.max(400_000, width * height * 4));
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setVideoOption("threads", "1");
            r.setVideoOption("flags", "+bitexact");
            r.setOption("fflags", "+bitexact");
            r.start();
            Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            for (int k = 0; k < frames; k++) {
                RgbImage image = k == 0 ? first : reader.frameAt(window.start() + k / fps).image();
                copy(image, frame, width, height);
                r.record(frame, avutil.AV_PIX_FMT_RGB24);
            }
            r.stop();
        }
    }

    private static void copy(RgbImage image, Frame frame, int width, int height) {
        ByteBuffer out = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        byte[] rgb = image.rgb();
        int rows = Math.min(height, image.height());
        int bytes = Math.min(width, image.width()) * 3;
        for (int y = 0; y < rows; y++) {
            out.position(y * stride);
            out.put(rgb, y * image.width() * 3, bytes);
        }
        out.position(0);
    }
}
