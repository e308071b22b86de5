package org.omnisila.engine.llm.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SyntheticVideo;
import org.omnisila.engine.video.VideoCancelledException;
import org.omnisila.engine.video.VideoFormatException;

/**
 * Video-LLaVA's choice of 8 frames, checked on a generated video (JavaCV's FFmpegFrameRecorder, through
 * {@link SyntheticVideo}) whose frames show their own index: the decoded frames are frames
 * {@code np.linspace(0, n - 1, 8, dtype=int)}, by both decodings; a window; a folder of images; bad files.
 */
class VideoFrames8Test {
    @TempDir
    static Path dir;
    private static Path video;

    @BeforeAll
    static void write() throws Exception {
        video = dir.resolve("v.mp4");
        SyntheticVideo.mp4(64, 48, 25, 100).write(video); // 4 s, frames 0..99
    }

    private static int[] shown(VideoFrames8 frames) {
        return frames.images().stream().mapToInt(SyntheticVideo::indexOf).toArray();
    }

    @Test
    void indicesAreNumpysLinspaceTruncated() {
        // np.linspace(0, 99, 8, dtype=int), np.linspace(0, 4, 8, dtype=int), np.linspace(0, 0, 8, dtype=int)
        assertArrayEquals(new int[] {0, 14, 28, 42, 56, 70, 84, 99}, VideoFrames8.indices(100, 8));
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2, 3, 4}, VideoFrames8.indices(5, 8));
        assertArrayEquals(new int[8], VideoFrames8.indices(1, 8));
        assertArrayEquals(new int[] {0, 7, 14, 21, 28, 35, 42, 49}, VideoFrames8.indices(50, 8));
    }

    @Test
    void bothDecodingsTakeFramesLinspaceOfTheFile() {
        int[] expected = VideoFrames8.indices(100, 8);
        for (VideoFrames8.Decoding d : VideoFrames8.Decoding.values()) {
            List<Double> progress = new ArrayList<>();
            VideoFrames8 f = VideoFrames8.sample(video, d, progress::add, () -> false);
            assertArrayEquals(expected, shown(f), d.toString());
            double[] times = Arrays.stream(expected).mapToDouble(i -> i / 25.0).toArray();
            assertArrayEquals(times, f.times(), 1e-3, d.toString());
            assertEquals(1.0, progress.get(progress.size() - 1), d.toString());
            assertEquals(64, f.images().get(0).width());
        }
    }

    @Test
    void aWindowTakesLinspaceOfItsFrames() {
        VideoFrames8 f = VideoFrames8.sample(video, 1.0, 3.0, p -> { }, () -> false);
        int[] expected = Arrays.stream(VideoFrames8.indices(50, 8)).map(i -> 25 + i).toArray(); // frames 25..74
        assertArrayEquals(expected, shown(f));
        // a window past the end is clamped to it: frames 75..99
        VideoFrames8 tail = VideoFrames8.sample(video, 3.0, 99.0, p -> { }, () -> false);
        assertArrayEquals(Arrays.stream(VideoFrames8.indices(25, 8)).map(i -> 75 + i).toArray(), shown(tail));
    }

    @Test
    void aFolderOfFramesIsReadInNumberOrderAndSubsampledLikeTheLmdbBackend() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("frames16"));
        List<RgbImage> written = new ArrayList<>();
        for (int i = 0; i < 16; i++) { // 0.png ... 15.png: "10" sorts before "2" by name, not by number
            RgbImage img = solid(i * 15);
            written.add(img);
            ImageIO.write(buffered(img), "png", folder.resolve(i + ".png").toFile());
        }
        VideoFrames8 f = VideoFrames8.fromFolder(folder);
        int[] pick = VideoFrames8.indices(16, 8);
        for (int k = 0; k < 8; k++) {
            assertEquals(written.get(pick[k]), f.images().get(k), "frame " + k);
            assertTrue(Double.isNaN(f.times()[k]));
        }
        assertEquals(8, f.segment().frames().size());
    }

    @Test
    void badInputsGiveTheEnginesMessages() throws Exception {
        byte[] b = Files.readAllBytes(video);
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(b, b.length / 2));
        for (VideoFrames8.Decoding d : VideoFrames8.Decoding.values()) {
            VideoFormatException e = assertThrows(VideoFormatException.class,
                    () -> VideoFrames8.sample(cut, d, p -> { }, () -> false));
            assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
        }
        Path missing = dir.resolve("nowhere.mp4");
        assertEquals("file not found", assertThrows(VideoFormatException.class,
                () -> VideoFrames8.sample(missing)).problem());
        Path notImage = Files.writeString(Files.createDirectories(dir.resolve("bad")).resolve("0.png"), "text");
        VideoFormatException e = assertThrows(VideoFormatException.class,
                () -> VideoFrames8.fromFolder(notImage.getParent()));
        assertTrue(e.getMessage().startsWith(notImage + ": not an image"), e.getMessage());
        assertThrows(VideoFormatException.class, () -> VideoFrames8.fromFolder(dir.resolve("none")));
    }

    @Test
    void cancellationStopsBothDecodings() {
        for (VideoFrames8.Decoding d : VideoFrames8.Decoding.values()) {
            int[] polls = {0};
            assertThrows(VideoCancelledException.class,
                    () -> VideoFrames8.sample(video, d, p -> { }, () -> ++polls[0] > 3), d.toString());
        }
    }

    private static RgbImage solid(int v) {
        byte[] rgb = new byte[16 * 12 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i % 3 == 0 ? v : 255 - v);
        }
        return new RgbImage(16, 12, rgb);
    }

    private static BufferedImage buffered(RgbImage img) {
        BufferedImage out = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                out.setRGB(x, y, img.pixel(x, y));
            }
        }
        return out;
    }
}
