package org.omnisila.app.workbench.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audio decoder on a 5.1 file: stereo out, and where a seek lands. */
class AudioDecoderTest {

    /** Writes 0.5 s of 5.1 AAC at 48 kHz (audio only) with a tone in the front left channel alone. */
    private static Path sixChannels(Path dir) throws Exception {
        Path file = dir.resolve("six.m4a");
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), 6)) {
            r.setFormat("mp4");
            r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            r.setSampleRate(48_000);
            r.start();
            short[] pcm = new short[24_000 * 6];
            for (int k = 0; k < 24_000; k++) {
                pcm[k * 6] = (short) (8000 * Math.sin(2 * Math.PI * 440 * k / 48_000.0));
            }
            r.recordSamples(48_000, 6, ShortBuffer.wrap(pcm));
            r.stop();
        }
        return file;
    }

    @Test
    void moreThanTwoChannelsAreMixedDownToStereoAt48kHz(@TempDir Path dir) throws Exception {
        try (AudioDecoder d = AudioDecoder.open(sixChannels(dir))) {
            assertEquals(2, d.format().getChannels());
            assertEquals(48_000, d.format().getSampleRate());
            assertEquals(4, d.format().getFrameSize());
            int loudest = 0;
            long frames = 0;
            for (AudioDecoder.Chunk c = d.next(); c != null; c = d.next()) {
                assertEquals(0, c.pcm().length % 4, "whole stereo frames");
                ShortBuffer s = ByteBuffer.wrap(c.pcm()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
                for (int i = 0; i < s.limit(); i += 2) {
                    loudest = Math.max(loudest, Math.abs(s.get(i))); // the left channel
                }
                frames += c.pcm().length / 4;
            }
            assertTrue(loudest > 2000, "the front left tone is in the left channel: " + loudest);
            assertEquals(0.5, frames / 48_000.0, 0.05);
        }
    }

    @Test
    void aSeekLandsAPreRollBeforeTheTime(@TempDir Path dir) throws Exception {
        try (AudioDecoder d = AudioDecoder.open(sixChannels(dir))) {
            d.seek(0.35);
            double start = d.next().start();
            double frame = 1024 / 48_000.0; // an AAC frame
            assertTrue(start <= 0.35 - AudioDecoder.PRE_ROLL + 1e-3 && start > 0.35 - AudioDecoder.PRE_ROLL - frame,
                    "landed at " + start);
        }
    }
}
