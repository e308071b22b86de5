package org.omnisila.engine.scene;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.omnisila.engine.video.RgbImage;

/**
 * A 2 s H.264 video (320x240, 10 fps) of a grey background on which a 140x140 patch of the portrait, face in
 * it, slides to the right by 8 pixels a frame: the face's centre is at x = {@link #faceCentreX}, y = 126.
 */
public final class MovingFaceVideo {

    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;
    public static final double FPS = 10;
    public static final int FRAMES = 20;
    private static final int PATCH = 140;
    private static final int PATCH_X = 40; // patch's place in the portrait
    private static final int PATCH_Y = 60;
    private static final int TOP = 50;

    private MovingFaceVideo() {
    }

    /** The face's centre x in frame {@code index} (BlazeFace's box centre on the portrait is (104, 136)). */
    public static double faceCentreX(int index) {
        return left(index) + 104 - PATCH_X;
    }

    public static double faceCentreY() {
        return TOP + 136 - PATCH_Y;
    }

    private static int left(int index) {
        return 10 + 8 * index;
    }

    public static void write(Path file) throws FrameRecorder.Exception {
        RgbImage portrait = SceneImages.portrait();
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 0)) {
            r.setFormat("mp4");
            r.setVideoCodecName("libopenh264");
            r.setFrameRate(FPS);
            r.setVideoBitrate(2_000_000);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.start();
            try (Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3)) {
                for (int i = 0; i < FRAMES; i++) {
                    ByteBuffer buf = (ByteBuffer) frame.image[0];
                    byte[] rgb = picture(portrait, left(i));
                    for (int y = 0; y < HEIGHT; y++) {
                        buf.position(y * frame.imageStride);
                        buf.put(rgb, y * WIDTH * 3, WIDTH * 3);
                    }
                    buf.rewind();
                    r.record(frame, avutil.AV_PIX_FMT_RGB24);
                }
            }
            r.stop();
        }
    }

    private static byte[] picture(RgbImage portrait, int left) {
        byte[] rgb = SceneImages.blank(WIDTH, HEIGHT, 110).rgb();
        byte[] src = portrait.rgb();
        for (int y = 0; y < PATCH; y++) {
            System.arraycopy(src, ((PATCH_Y + y) * portrait.width() + PATCH_X) * 3, rgb,
                    ((TOP + y) * WIDTH + left) * 3, PATCH * 3);
        }
        return rgb;
    }
}
