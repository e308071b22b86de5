package org.omnisila.engine.video;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Picks, from frames offered one by one in time order, the frame nearest each target time of a plan, and hands
 * over each segment as soon as its last target is settled. Only the current segment's frames and the previous
 * frame are held. A target with no frame within {@code maxDistance} makes its segment skipped.
 *
 * <p>Ties go to the earlier frame. A frame whose time is before the previous frame's is ignored (broken
 * timestamps), so the frames seen are always in order.
 */
final class NearestFrameSelector {

    private final List<Segment> segments;
    private final double maxDistance;
    private final Consumer<SegmentFrames> deliver;
    private final Consumer<Segment> skip;

    private int segment;
    private int target;
    private final List<SampledFrame> buffer = new ArrayList<>();
    private boolean missing;

    private double prevTime = Double.NEGATIVE_INFINITY;
    private RgbImage prevImage;
    private int peakHeld;

    /**
     * @param segments    the plan, in order
     * @param maxDistance how far, in seconds, a frame may be from a target and still be taken for it
     * @param deliver     receives each segment whose targets all got a frame
     * @param skip        receives each segment with a target that got none
     */
    NearestFrameSelector(List<Segment> segments, double maxDistance, Consumer<SegmentFrames> deliver,
                         Consumer<Segment> skip) {
        this.segments = List.copyOf(segments);
        this.maxDistance = maxDistance;
        this.deliver = deliver;
        this.skip = skip;
    }

    /**
     * Offers the next decoded frame.
     *
     * @param time  its timestamp, seconds
     * @param image its pixels, asked for only when the frame may be sampled (converting costs a copy)
     */
    void offer(double time, Supplier<RgbImage> image) {
        if (time < prevTime) {
            return;
        }
        RgbImage current = null;
        while (!done() && time >= targetTime()) {
            double t = targetTime();
            boolean usePrev = prevImage != null && t - prevTime <= time - t;
            double distance = usePrev ? t - prevTime : time - t;
            if (distance > maxDistance) {
                settle(null, 0);
            } else if (usePrev) {
                settle(prevImage, prevTime);
            } else {
                if (current == null) {
                    current = image.get();
                }
                settle(current, time);
            }
        }
        prevTime = time;
        prevImage = null;
        if (!done() && targetTime() - time <= maxDistance) {
            prevImage = current != null ? current : image.get();
        }
        countHeld();
    }

    /** Settles the targets left after the last frame: each takes the last frame if it is near enough. */
    void finish() {
        while (!done()) {
            double t = targetTime();
            if (prevImage != null && t - prevTime <= maxDistance) {
                settle(prevImage, prevTime);
            } else {
                settle(null, 0);
            }
        }
        prevImage = null;
    }

    /** Whether every target has been settled. */
    boolean done() {
        return segment >= segments.size();
    }

    /** The most distinct frame images held at once so far. */
    int peakImagesHeld() {
        return peakHeld;
    }

    private double targetTime() {
        return segments.get(segment).frameTime(target);
    }

    private void settle(RgbImage image, double time) {
        Segment s = segments.get(segment);
        if (image == null) {
            missing = true;
        } else if (!missing) {
            buffer.add(new SampledFrame(s.frameTime(target), time, image));
        }
        countHeld();
        target++;
        if (target == s.frameCount()) {
            if (missing) {
                skip.accept(s);
            } else {
                deliver.accept(new SegmentFrames(s, buffer));
            }
            buffer.clear();
            missing = false;
            target = 0;
            segment++;
        }
    }

    private void countHeld() {
        RgbImage[] held = new RgbImage[buffer.size() + 1];
        int n = 0;
        for (SampledFrame f : buffer) {
            n = addDistinct(held, n, f.image());
        }
        if (prevImage != null) {
            n = addDistinct(held, n, prevImage);
        }
        peakHeld = Math.max(peakHeld, n);
    }

    private static int addDistinct(RgbImage[] held, int n, RgbImage image) {
        if (Arrays.stream(held, 0, n).noneMatch(h -> h == image)) {
            held[n++] = image;
        }
        return n;
    }
}
