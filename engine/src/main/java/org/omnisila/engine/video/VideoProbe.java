package org.omnisila.engine.video;

import java.io.IOException;
import java.nio.file.Path;
import org.omnisila.engine.api.VideoInfo;
import org.omnisila.engine.models.Sha256;

/** Reads what a video file says about itself without decoding it. */
public final class VideoProbe {

    private VideoProbe() {
    }

    /**
     * The file's metadata: container, codec, size, rotation, duration, frame rate, frame count, audio.
     *
     * @throws VideoFormatException when the file is missing, empty, not a video, audio only, or uses a video
     *     codec this build cannot decode
     */
    public static VideoMetadata probe(Path file) {
        try (VideoSource source = VideoSource.open(file)) {
            return source.metadata();
        }
    }

    /**
     * The result format's description of the file: its metadata and its SHA-256, read in one streaming pass
     * over the bytes.
     *
     * @param file the video file; its path is recorded as given
     * @throws VideoFormatException as {@link #probe}, or when the file cannot be read for hashing
     */
    public static VideoInfo info(Path file) {
        VideoMetadata m = probe(file);
        try {
            return m.toVideoInfo(file.toString(), Sha256.of(file));
        } catch (IOException e) {
            throw new VideoFormatException(file, "the file cannot be read: " + e.getMessage(), e);
        }
    }
}
