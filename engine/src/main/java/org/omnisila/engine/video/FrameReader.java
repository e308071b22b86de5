package org.omnisila.engine.video;

import java.nio.file.Path;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Frame-accurate random access by time, for the player: {@link #frameAt} gives the frame nearest a time.
 * Requests a little ahead of the last one decode forward; others seek to 200 ms before the time and decode
 * until the frame whose timestamp plus half a frame interval reaches it (stack.md: a plain seek lands up to
 * two frames early in files with audio). A seek that lands after the wanted frame is repeated further back
 * (1 s, 5 s, 25 s, ... before the time). Not thread-safe; close it.
 */
public final class FrameReader implements AutoCloseable {

    /** How far before the requested time a seek goes, microseconds. */
    static final long SEEK_BACK_US = 200_000;
    /** Requests up to this far after the current frame are decoded forward instead of seeking, seconds. */
    static final double FORWARD_WINDOW = 1.0;
    /** The second seek, after one that landed too late, goes at least this far back, microseconds. */
    static final long RETRY_BACK_US = 1_000_000;
    /** Slack for timestamps kept in whole microseconds (frame 1 of 30 fps is at 33,333 us), seconds. */
    private static final double EPS = 2e-6;

    private final VideoSource source;
    private final double halfFrame;
    private final long seekBackUs;
    private SampledFrame current;

    private FrameReader(VideoSource source, long seekBackUs) {
        this.source = source;
        this.halfFrame = source.metadata().frameInterval() / 2;
        this.seekBackUs = seekBackUs;
    }

    /** A reader whose first seek goes {@code seekBackUs} before the time asked for (tests make it land late). */
    static FrameReader open(Path file, long seekBackUs) {
        return new FrameReader(VideoSource.open(file), seekBackUs);
    }

    /**
     * Opens a video for random access.
     *
     * @throws VideoFormatException when the file cannot be opened as a video
     */
    public static FrameReader open(Path file) {
        return open(file, SEEK_BACK_US);
    }

    /** What the file says about itself. */
    public VideoMetadata metadata() {
        return source.metadata();
    }

    /**
     * The frame shown at a time: the first frame whose timestamp is at least {@code seconds} minus half a frame
     * interval (for a constant frame rate, the nearest frame; on a tie, the earlier). Before the first frame it
     * is the first frame; after the last, the last.
     *
     * @param seconds time from the start of the file
     * @return the frame, its timestamp and the requested time
     */
    public SampledFrame frameAt(double seconds) {
        if (!Double.isFinite(seconds)) {
            throw new IllegalArgumentException("time must be finite but was " + seconds);
        }
        double t = Math.max(0, seconds);
        if (current != null && reached(current.time(), t) && !reached(current.time() - 2 * halfFrame, t)) {
            return answer(seconds, current);
        }
        boolean forward = current != null && t > current.time() && t - current.time() <= FORWARD_WINDOW;
        double lastTime = Double.NaN;
        for (Frame f = forward ? source.next() : seekBefore(t); f != null; f = source.next()) {
            double ft = VideoSource.seconds(f);
            lastTime = ft;
            if (reached(ft, t)) {
                current = new SampledFrame(ft, ft, source.image(f));
                return answer(seconds, current);
            }
        }
        return answer(seconds, lastFrame(lastTime));
    }

    /**
     * Seeks to before a time and returns the first frame there. A first frame that is already past the frame
     * wanted (the one before it would also reach the time) means the seek landed late: it is repeated further
     * back, until it lands early enough or at the start.
     */
    private Frame seekBefore(double t) {
        long target = Math.round(t * 1e6);
        long back = seekBackUs;
        while (true) {
            seek(target - back);
            Frame f = source.next();
            if (f == null || target - back <= 0 || !reached(VideoSource.seconds(f) - 2 * halfFrame, t)) {
                return f;
            }
            back = Math.max(5 * back, RETRY_BACK_US);
        }
    }

    private boolean reached(double frameTime, double t) {
        return frameTime + halfFrame + EPS >= t;
    }

    /** The last frame of the video, after decoding ran off its end. */
    private SampledFrame lastFrame(double lastSeen) {
        double last = Double.isNaN(lastSeen) ? (current != null ? current.time() : metadata().duration())
                : lastSeen;
        seek(Math.round(last * 1e6) - SEEK_BACK_US);
        SampledFrame found = null;
        for (Frame f = source.next(); f != null; f = source.next()) {
            double ft = VideoSource.seconds(f);
            found = new SampledFrame(ft, ft, source.image(f));
        }
        if (found == null) {
            throw new VideoFormatException(metadata().file(), "no video frame could be decoded near the end");
        }
        current = found;
        return found;
    }

    private void seek(long micros) {
        try {
            source.grabber().setTimestamp(Math.max(0, micros), true);
        } catch (FrameGrabber.Exception e) {
            throw new VideoFormatException(metadata().file(), "seeking failed: " + e.getMessage(), e);
        }
        current = null;
    }

    private static SampledFrame answer(double requested, SampledFrame frame) {
        return new SampledFrame(requested, frame.time(), frame.image());
    }

    @Override
    public void close() {
        source.close();
    }
}
