package org.omnisila.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.bytedeco.javacv.FrameRecorder;
import org.omnisila.engine.video.FrameReader;
import org.omnisila.engine.video.SamplingResult;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.SegmentSampler;
import org.omnisila.engine.video.SyntheticVideo;
import org.omnisila.engine.video.VideoMetadata;
import org.omnisila.engine.video.VideoProbe;

/**
 * Speed of the video pipeline on a generated H.264 MP4 (by default 640x360, 30 fps, 20 s, with moving noise so
 * the decoder has real work): decoding every frame to RGB, sampling two-second segments of eight frames (one
 * decoding pass, as an analysis does), and frame-accurate seeks to random times (as the player does).
 */
public final class DecodeBenchmark {

    /** @param seeks random-time lookups per run of the seek step */
    public record Settings(int width, int height, double fps, double seconds, int runs, int seeks) {
        public Settings {
            if (width < 8 || height < 6 || fps <= 0 || seconds <= 0 || runs < 1 || seeks < 1
                    || fps * seconds >= 1 << SyntheticVideo.BITS) {
                throw new IllegalArgumentException("need width >= 8, height >= 6, fps > 0, seconds > 0, under "
                        + "4,096 frames, runs >= 1 and seeks >= 1; got " + width + "x" + height + ", " + fps
                        + " fps, " + seconds + " s, " + runs + " runs, " + seeks + " seeks");
            }
        }

        /** 640x360 at 30 fps for 20 s (600 frames), 3 runs, 50 seeks per run. */
        public static Settings defaults() {
            return new Settings(640, 360, 30, 20, 3, 50);
        }
    }

    private DecodeBenchmark() {
    }

    public static BenchTable run(Settings s, Path workDir) throws IOException {
        Path video = workDir.resolve("bench-decode.mp4");
        int frames = (int) Math.round(s.fps() * s.seconds());
        long t0 = System.nanoTime();
        try {
            SyntheticVideo.mp4(s.width(), s.height(), s.fps(), frames).texture(true).write(video);
        } catch (FrameRecorder.Exception e) {
            throw new IOException("could not write the benchmark video: " + e.getMessage(), e);
        }
        double encodeMs = (System.nanoTime() - t0) / 1e6;
        VideoMetadata m = VideoProbe.probe(video);
        BenchTable table = new BenchTable(String.format(Locale.ROOT,
                "Video decoding: %dx%d H.264 MP4, %.0f fps, %.0f s (%d frames), %d runs after one warm-up (%s, %d "
                        + "cores)", s.width(), s.height(), s.fps(), s.seconds(), frames, s.runs(),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors()));
        SegmentSampler decodeOnly = decodeOnly(m);
        double[] decode = time(s.runs(), () -> decodeOnly.sample(video, seg -> { }));
        SegmentSampler sampler = new SegmentSampler();
        int[] segments = {0};
        double[] sample = time(s.runs(), () -> {
            segments[0] = 0;
            return sampler.sample(video, seg -> segments[0]++);
        });
        double[] seek = time(s.runs(), () -> seekAround(video, m.duration(), s.seeks()));
        table.add("decode every frame to RGB", decode);
        table.add(String.format(Locale.ROOT, "sample %d segments x 8 frames (one pass)", segments[0]), sample);
        table.add(String.format(Locale.ROOT, "%d frame-accurate seeks to random times", s.seeks()), seek);
        table.note(String.format(Locale.ROOT, "decode: %.0f frames/s (%.1fx real time)",
                frames / (BenchTable.median(decode) / 1000), s.seconds() / (BenchTable.median(decode) / 1000)));
        table.note(String.format(Locale.ROOT, "segment sampling: %.0f frames/s decoded, %.0f segments/s delivered",
                frames / (BenchTable.median(sample) / 1000), segments[0] / (BenchTable.median(sample) / 1000)));
        table.note(String.format(Locale.ROOT, "seek: %.1f ms per frame-accurate seek (key frame every 12 frames)",
                BenchTable.median(seek) / s.seeks()));
        table.note(String.format(Locale.ROOT, "video: %,d bytes, written in %.0f ms", Files.size(video), encodeMs));
        return table;
    }

    /**
     * A sampler that only decodes: one segment longer than the video with one sample, so every frame is decoded and
     * converted to RGB and almost none copied.
     */
    static SegmentSampler decodeOnly(VideoMetadata m) {
        return new SegmentSampler(new SegmentPlan(m.duration() + 1, 1));
    }

    private static Object seekAround(Path video, double duration, int seeks) {
        Random rnd = new Random(11);
        try (FrameReader reader = FrameReader.open(video)) {
            Object last = null;
            for (int i = 0; i < seeks; i++) {
                last = reader.frameAt(rnd.nextDouble() * duration);
            }
            return last;
        }
    }

    private interface Work {
        Object run();
    }

    private static double[] time(int runs, Work work) {
        work.run(); // warm-up: class loading, JIT, native library loading
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Object result = work.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (result == null || result instanceof SamplingResult r && !r.warnings().isEmpty()) {
                throw new IllegalStateException("benchmark step failed: " + result);
            }
        }
        return ms;
    }
}
