package org.omnisila.engine.video;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Footage made from still photos: each photo is shown for a few seconds with a slow, seeded zoom towards a random
 * point (and, at random, mirrored), written as H.264 MP4. The pictures are real; only the camera motion is made
 * up. The embedded default model's training footage is partly made this way (models/README.md), since the
 * machines that build it reach no video data set.
 */
public final class PhotoSlideshow {
    private final int width;
    private final int height;
    private final double fps;
    private final double secondsPerPhoto;

    /**
     * @param width           frame width, even
     * @param height          frame height, even
     * @param fps             frames per second
     * @param secondsPerPhoto how long each photo is shown
     */
    public PhotoSlideshow(int width, int height, double fps, double secondsPerPhoto) {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("frame size must be positive and even, got " + width + "x" + height);
        }
        if (!(fps > 0) || !(secondsPerPhoto > 0)) {
            throw new IllegalArgumentException("fps and seconds per photo must be > 0");
        }
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.secondsPerPhoto = secondsPerPhoto;
    }

    /**
     * @param photos the pictures, in order
     * @param seed   fixes zoom targets and mirroring
     * @throws VideoFormatException naming a photo OpenCV cannot read
     */
    public void write(List<Path> photos, long seed, Path out) throws FrameRecorder.Exception {
        Random random = new Random(seed);
        FfmpegLog.install();
        int framesPerPhoto = (int) Math.round(secondsPerPhoto * fps);
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), width, height, 0);
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            r.setFormat("mp4");
            r.setVideoCodecName("libx264");
            r.setFrameRate(fps);
            r.setGopSize((int) Math.round(fps));
            r.setVideoBitrate(width * height * 4);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.start();
            for (Path photo : photos) {
                Mat image = opencv_imgcodecs.imread(photo.toString());
                if (image.empty()) {
                    throw new VideoFormatException(photo, "OpenCV cannot read this picture");
                }
                if (random.nextBoolean()) {
                    opencv_core.flip(image, image, 1);
                }
                Rect start = fitted(image.cols(), image.rows(), 1.0, 0.5, 0.5);
                Rect end = fitted(image.cols(), image.rows(), 0.7 + 0.2 * random.nextDouble(),
                        random.nextDouble(), random.nextDouble());
                Mat frame = new Mat();
                for (int i = 0; i < framesPerPhoto; i++) {
                    double a = framesPerPhoto == 1 ? 0 : i / (double) (framesPerPhoto - 1);
                    Rect crop = new Rect(lerp(start.x(), end.x(), a), lerp(start.y(), end.y(), a),
                            lerp(start.width(), end.width(), a), lerp(start.height(), end.height(), a));
                    opencv_imgproc.resize(new Mat(image, crop), frame, new Size(width, height), 0, 0,
                            opencv_imgproc.INTER_AREA);
                    r.record(converter.convert(frame), avutil.AV_PIX_FMT_BGR24);
                }
            }
            r.stop();
        }
    }

    /** The largest crop of the output's aspect ratio at {@code scale} of it, centred as near (cx, cy) as fits. */
    private Rect fitted(int w, int h, double scale, double cx, double cy) {
        double aspect = width / (double) height;
        int cw = (int) Math.min(w, h * aspect);
        int ch = (int) Math.min(h, w / aspect);
        cw = Math.max(2, (int) (cw * scale));
        ch = Math.max(2, (int) (ch * scale));
        int x = (int) Math.max(0, Math.min(w - cw, cx * w - cw / 2.0));
        int y = (int) Math.max(0, Math.min(h - ch, cy * h - ch / 2.0));
        return new Rect(x, y, cw, ch);
    }

    private static int lerp(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }
}
