package org.omnisila.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.omnisila.engine.api.VideoInfo;

class VideoProbeTest {

    @TempDir
    static Path dir;

    private static Path mp4;

    @BeforeAll
    static void writeVideos() throws Exception {
        mp4 = dir.resolve("clip.mp4");
        SyntheticVideo.mp4(64, 48, 25, 100).audio(true).write(mp4);
    }

    @Test
    void readsAnMp4WithAudio() {
        VideoMetadata m = VideoProbe.probe(mp4);
        assertTrue(m.format().contains("mp4"), m.format());
        assertEquals("h264", m.codec());
        assertEquals(64, m.width());
        assertEquals(48, m.height());
        assertEquals(0, m.rotation());
        assertEquals(4.0, m.duration(), 0.05);
        assertEquals(25.0, m.containerFps(), 1e-9);
        assertEquals(25.0, m.fps(), 1e-9);
        assertFalse(m.variableFrameRate());
        assertEquals(100, m.frameCount());
        assertTrue(m.hasAudio());
        assertEquals(mp4, m.file());
    }

    @ParameterizedTest
    @CsvSource({"avi, mpeg4, mpeg4", "avi, msmpeg4v2, msmpeg4v2", "avi, mjpeg, mjpeg", "webm, libvpx, vp8",
        "matroska, libvpx-vp9, vp9"})
    void readsOtherContainersAndCodecs(String format, String encoder, String codec) throws Exception {
        Path f = dir.resolve(encoder + "." + format);
        new SyntheticVideo(format, encoder, 64, 48, 25, 50).write(f);
        VideoMetadata m = VideoProbe.probe(f);
        assertEquals(codec, m.codec());
        assertEquals(64, m.codedWidth());
        assertEquals(48, m.codedHeight());
        assertEquals(2.0, m.duration(), 0.05);
        assertEquals(25.0, m.fps(), 1e-6);
        assertEquals(50, m.frameCount()); // counted by AVI; duration x fps for WebM/Matroska
        assertFalse(m.hasAudio());
    }

    @ParameterizedTest
    @CsvSource({"90, 48, 64", "180, 64, 48", "270, 48, 64"})
    void readsTheDisplayRotation(int rotation, int width, int height) throws Exception {
        Path f = dir.resolve("rotated" + rotation + ".mp4");
        SyntheticVideo.mp4(64, 48, 25, 10).rotation(rotation).write(f);
        VideoMetadata m = VideoProbe.probe(f);
        assertEquals(rotation, m.rotation());
        assertEquals(width, m.width());
        assertEquals(height, m.height());
        assertEquals(64, m.codedWidth());
    }

    @Test
    void averagesAVariableFrameRate() throws Exception {
        Path f = dir.resolve("vfr.mp4");
        double[] times = VariableRate.times();
        new SyntheticVideo("mp4", "libopenh264", 64, 48, VariableRate.TIME_BASE_FPS, times.length).frameTimes(times)
                .write(f);
        VideoMetadata m = VideoProbe.probe(f);
        assertTrue(m.variableFrameRate(), m.toString());
        assertEquals(times.length, m.frameCount());
        assertEquals(times.length / m.duration(), m.fps(), 1e-9);
        assertEquals(times[times.length - 1] + 0.12, m.duration(), 0.13);
    }

    @Test
    void infoHasTheSha256OfTheBytes() throws Exception {
        VideoInfo info = VideoProbe.info(mp4);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(mp4)));
        assertEquals(expected, info.sha256());
        assertEquals(mp4.toString(), info.path());
        assertEquals(25.0, info.fps());
        assertEquals(64, info.width());
        assertEquals(VideoProbe.probe(mp4).duration(), info.duration());
    }
}
