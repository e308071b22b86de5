package org.omnisila.engine.llm.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * One pass against eight seeks on a 60 s video (320x240, 25 fps, H.264 written here with FFmpegFrameRecorder), with
 * keyframes every 12 frames and every 250 (x264's default). Slow to write: run with {@code -Dtuning.timing=true}.
 */
@EnabledIfSystemProperty(named = "tuning.timing", matches = "true")
class VideoFrames8TimingTest {
    @TempDir
    Path dir;

    @Test
    void onePassAgainstSeeks() throws Exception {
        for (int gop : new int[] {12, 250}) {
            Path video = dir.resolve("gop" + gop + ".mp4");
            write(video, gop);
            VideoFrames8 first = null;
            for (VideoFrames8.Decoding d : VideoFrames8.Decoding.values()) {
                VideoFrames8.sample(video, d, p -> { }, () -> false); // warm up
                long best = Long.MAX_VALUE;
                VideoFrames8 f = null;
                for (int run = 0; run < 3; run++) {
                    long t0 = System.nanoTime();
                    f = VideoFrames8.sample(video, d, p -> { }, () -> false);
                    best = Math.min(best, System.nanoTime() - t0);
                }
                System.out.printf("60 s 320x240 video, keyframe every %d frames, %s: %.0f ms%n", gop, d, best / 1e6);
                if (first == null) {
                    first = f;
                } else {
                    assertArrayEquals(first.times(), f.times(), 1e-3);
                }
            }
        }
    }

    private static void write(Path file, int gop) throws Exception {
        int w = 320;
        int h = 240;
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), w, h, 0)) {
            r.setFormat("mp4");
            r.setVideoCodecName("libopenh264");
            r.setFrameRate(25);
            r.setGopSize(gop);
            r.setVideoBitrate(600_000);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.start();
            Frame frame = new Frame(w, h, Frame.DEPTH_UBYTE, 3);
            java.nio.ByteBuffer buf = (java.nio.ByteBuffer) frame.image[0];
            int stride = frame.imageStride;
            for (int i = 0; i < 60 * 25; i++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int o = y * stride + x * 3;
                        buf.put(o, (byte) (x + i));
                        buf.put(o + 1, (byte) (y * 2 - i));
                        buf.put(o + 2, (byte) ((x ^ y) + 3 * i));
                    }
                }
                r.record(frame, avutil.AV_PIX_FMT_BGR24);
            }
            r.stop();
        }
    }
}
