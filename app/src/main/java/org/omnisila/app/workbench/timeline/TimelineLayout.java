package org.omnisila.app.workbench.timeline;

/**
 * The timeline's tracks from top to bottom and their heights in pixels: the time ruler, the located sentiments,
 * the routing weights of the four scene experts (stacked, in step with the segments), the top label's
 * probability per segment.
 */
public enum TimelineLayout {
    RULER(0, 22),
    LOCATED(22, 28),
    ROUTING(52, 24),
    PROBABILITY(78, 24);

    /** The canvas height that holds every track. */
    public static final double HEIGHT = 104;

    private final double top;
    private final double height;

    TimelineLayout(double top, double height) {
        this.top = top;
        this.height = height;
    }

    public double top() {
        return top;
    }

    public double height() {
        return height;
    }

    public double bottom() {
        return top + height;
    }

    /** @return the track at y, or null outside the tracks */
    public static TimelineLayout at(double y) {
        for (TimelineLayout t : values()) {
            if (y >= t.top && y < t.bottom()) {
                return t;
            }
        }
        return null;
    }
}
