package org.omnisila.app.workbench.player;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.LineUnavailableException;

/**
 * Where the player's sound goes: signed 16-bit little-endian PCM, interleaved, in the format it was opened with.
 * {@link JavaSoundSink} plays it; tests collect it. Used by one thread, the {@link AudioPlayback}'s.
 */
interface AudioSink {

    /**
     * Prepares to play PCM in this format.
     *
     * @throws LineUnavailableException when there is no device that plays it; nothing is then held
     */
    void open(AudioFormat format) throws LineUnavailableException;

    /** Queues whole sample frames to be heard after those queued before; may block while the queue is full. */
    void write(byte[] pcm, int offset, int length);

    /** Discards what is queued and not yet heard: the next write is heard at once. */
    void flush();

    /** Loudness from now on (what is queued may keep the old one): 0 silent to 1 as recorded. */
    void volume(double level);

    /** Frees the device; writes are no longer allowed. */
    void close();
}
