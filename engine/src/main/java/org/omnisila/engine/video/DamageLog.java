package org.omnisila.engine.video;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns the stream of decoded frames into warnings about the stretches of a video that could not be used:
 * runs of frames decoded with errors, gaps between usable frames longer than {@code gapThreshold}, and video
 * data that ends well before the declared duration.
 */
final class DamageLog {

    private final double duration;
    private final double gapThreshold;
    private final List<VideoWarning> warnings = new ArrayList<>();

    private double lastUsable = Double.NaN;
    private double runStart = Double.NaN;
    private double runEnd;
    private int runFrames;

    /**
     * @param duration     the duration the file declares, seconds
     * @param gapThreshold the longest stretch without a usable frame that is not reported, seconds
     */
    DamageLog(double duration, double gapThreshold) {
        this.duration = duration;
        this.gapThreshold = gapThreshold;
    }

    /** A frame that decoded cleanly, at this time. */
    void usable(double time) {
        closeRun();
        double from = Double.isNaN(lastUsable) ? 0 : Math.max(0, lastUsable);
        if (time - from > gapThreshold) {
            warnings.add(new VideoWarning(VideoWarning.Kind.GAP, from, time, String.format(Locale.ROOT,
                    "no frame could be decoded from %.2f s to %.2f s (damaged or missing video data)", from, time)));
        }
        lastUsable = Double.isNaN(lastUsable) ? time : Math.max(lastUsable, time);
    }

    /** A frame FFmpeg decoded with errors, at this time. */
    void damaged(double time) {
        if (Double.isNaN(runStart)) {
            runStart = time;
            runEnd = time;
            runFrames = 0;
        }
        runStart = Math.min(runStart, time);
        runEnd = Math.max(runEnd, time);
        runFrames++;
    }

    /** Time of the last usable frame, or NaN when there was none. */
    double lastUsable() {
        return lastUsable;
    }

    /**
     * The warnings, in time order, after the last frame.
     *
     * @param framesDecoded  pictures the decoder produced, damaged ones included
     * @param framesDeclared frames the file lists, or 0 when it does not count them
     */
    List<VideoWarning> finish(long framesDecoded, long framesDeclared) {
        closeRun();
        long lost = framesDeclared - framesDecoded;
        if (framesDeclared > 0 && lost > Math.max(2, framesDeclared / 100)) {
            double from = warnings.stream().mapToDouble(VideoWarning::start).min().orElse(0);
            warnings.add(new VideoWarning(VideoWarning.Kind.FRAMES_LOST, from, duration, String.format(Locale.ROOT,
                    "%d of the %d frames the file lists could not be decoded (damaged data); where a format times "
                            + "frames by counting them (AVI), times after %.2f s may be up to %.2f s early",
                    lost, framesDeclared, from, lost * duration / framesDeclared)));
        }
        if (!Double.isNaN(lastUsable) && duration - lastUsable > gapThreshold) {
            warnings.add(new VideoWarning(VideoWarning.Kind.ENDS_EARLY, Math.max(0, lastUsable), duration, String.format(
                    Locale.ROOT, "the video data ends at %.2f s although the file declares %.2f s: the file is "
                            + "probably truncated; the rest was not analysed", lastUsable, duration)));
        }
        warnings.sort(Comparator.comparingDouble(VideoWarning::start));
        return List.copyOf(warnings);
    }

    private void closeRun() {
        if (!Double.isNaN(runStart)) {
            warnings.add(new VideoWarning(VideoWarning.Kind.DAMAGED_FRAMES, Math.max(0, runStart), Math.max(0,
                    runEnd), String.format(Locale.ROOT, "%d frame%s from %.2f s to %.2f s decoded with errors and "
                            + "%s not used", runFrames, runFrames == 1 ? "" : "s", runStart, runEnd,
                    runFrames == 1 ? "was" : "were")));
            runStart = Double.NaN;
        }
    }
}
