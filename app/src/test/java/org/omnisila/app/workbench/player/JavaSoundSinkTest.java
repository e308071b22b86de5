package org.omnisila.app.workbench.player;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.video.SyntheticVideo;

/**
 * The real output. On a machine without a sound card (CI, servers) opening it fails cleanly, and a video with an
 * audio track plays on without sound, saying so once; on a machine with one, it plays.
 */
class JavaSoundSinkTest {
    private static final AudioFormat MONO = new AudioFormat(AudioDecoder.RATE, 16, 1, true, false);

    /** Whether this machine can play sound. */
    static boolean hasDevice() {
        try {
            AudioSystem.getSourceDataLine(MONO);
            return true;
        } catch (LineUnavailableException | IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void withoutADeviceOpeningThrowsLineUnavailable() {
        Assumptions.assumeFalse(hasDevice(), "this machine has a sound card");
        JavaSoundSink sink = new JavaSoundSink();
        assertThrows(LineUnavailableException.class, () -> sink.open(MONO));
        sink.close(); // nothing held: closing does nothing
    }

    @Test
    void aVideoWithSoundPlaysOnWithoutADeviceAndSaysSoOnce(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("tone.mp4");
        SyntheticVideo.mp4(64, 48, 10, 20).audio(true).write(video); // 2 s
        PlaybackEvents events = new PlaybackEvents(0);
        Playback p = Playback.open(video, events);
        double wall = events.playToEnd(p, 1.0);
        p.close().get(5, TimeUnit.SECONDS);
        assertTrue(wall > 0.9 && wall < 1.3, "1 s of video played in " + wall + " s");
        assertTrue(events.times.size() >= 2 + 7, "frames shown: " + events.times); // a busy machine drops some
        assertEquals(1.9, events.times.get(events.times.size() - 1), 1e-3);
        List<String> expected = hasDevice() ? List.of() : List.of(AudioPlayback.NO_DEVICE);
        assertEquals(expected, events.silent);
        assertEquals(0, AudioPlaybackTest.audioThreads(video));
    }

    @Test
    void withoutAGainControlTheSamplesAreScaled() {
        byte[] pcm = {(byte) 0xe8, 0x03, 0x18, (byte) 0xfc, (byte) 0xff, 0x7f}; // 1000, -1000, 32767
        JavaSoundSink.scale(pcm, 0.5);
        assertArrayEquals(new byte[] {(byte) 0xf4, 0x01, 0x0c, (byte) 0xfe, 0x00, 0x40}, pcm); // 500, -500, 16384
    }
}
