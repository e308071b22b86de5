package org.omnisila.engine.video;

import java.nio.file.Path;
import java.util.Objects;
import org.omnisila.engine.api.VideoInfo;

/**
 * What a video file says about itself, read once when it is opened (see docs/formats.md, "Video input").
 *
 * @param file          the file, as the caller named it
 * @param format        FFmpeg's container name, e.g. {@code avi} or {@code mov,mp4,m4a,3gp,3g2,mj2}
 * @param codec         FFmpeg's name of the video codec, e.g. {@code h264}
 * @param codedWidth    frame width as stored, pixels; &gt; 0
 * @param codedHeight   frame height as stored, pixels; &gt; 0
 * @param rotation      clockwise turn, in degrees (0, 90, 180 or 270), that shows a stored frame upright;
 *                      from the display-matrix side data, else the {@code rotate} tag
 * @param duration      length of the video, seconds; finite, &gt; 0
 * @param containerFps  frame rate the container declares (its average rate, else its base rate), frames per
 *                      second; 0 when it declares none
 * @param fps           the frame rate used for sampling: {@code frameCount / duration} when the frame rate is
 *                      variable or not declared and the container counts its frames, else the declared rate;
 *                      finite, &gt; 0
 * @param variableFrameRate whether the container's average and base frame rates differ by more than 1 %
 * @param frameCount    frames in the video: the container's count, else {@code round(duration * fps)}; &gt;= 1
 * @param frameCountDeclared whether {@code frameCount} is the container's own count (MP4, AVI) rather than an
 *                      estimate (WebM, Matroska); a damaged file may still decode fewer frames
 * @param hasAudio      whether the file has an audio stream as well
 */
public record VideoMetadata(Path file, String format, String codec, int codedWidth, int codedHeight, int rotation,
                            double duration, double containerFps, double fps, boolean variableFrameRate,
                            long frameCount, boolean frameCountDeclared, boolean hasAudio) {

    /** Validates every field. */
    public VideoMetadata {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(codec, "codec");
        if (codedWidth <= 0 || codedHeight <= 0) {
            throw new IllegalArgumentException("frame size must be positive but was " + codedWidth + "x"
                    + codedHeight);
        }
        if (rotation != 0 && rotation != 90 && rotation != 180 && rotation != 270) {
            throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270 but was " + rotation);
        }
        if (!(duration > 0) || !Double.isFinite(duration)) {
            throw new IllegalArgumentException("duration must be a finite number > 0 but was " + duration);
        }
        if (!(containerFps >= 0) || !Double.isFinite(containerFps)) {
            throw new IllegalArgumentException("containerFps must be a finite number >= 0 but was " + containerFps);
        }
        if (!(fps > 0) || !Double.isFinite(fps)) {
            throw new IllegalArgumentException("fps must be a finite number > 0 but was " + fps);
        }
        if (frameCount < 1) {
            throw new IllegalArgumentException("frameCount must be >= 1 but was " + frameCount);
        }
    }

    /** Width of a frame as shown (after {@link #rotation()}), pixels. */
    public int width() {
        return rotation % 180 == 0 ? codedWidth : codedHeight;
    }

    /** Height of a frame as shown (after {@link #rotation()}), pixels. */
    public int height() {
        return rotation % 180 == 0 ? codedHeight : codedWidth;
    }

    /** Nominal time between two frames, {@code 1 / fps}, seconds. */
    public double frameInterval() {
        return 1 / fps;
    }

    /**
     * The result format's description of this video.
     *
     * @param path   the path to record (as given to the engine)
     * @param sha256 the file's SHA-256, 64 lower-case hex digits
     */
    public VideoInfo toVideoInfo(String path, String sha256) {
        return new VideoInfo(path, sha256, duration, fps, width(), height());
    }
}
