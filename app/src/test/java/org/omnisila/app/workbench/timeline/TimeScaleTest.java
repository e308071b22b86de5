package org.omnisila.app.workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The time/pixel mapping at zoom and scroll: pure functions, no JavaFX. */
class TimeScaleTest {
    private static final double EPS = 1e-9;

    @Test
    void atZoomOneTheWholeVideoFillsTheWidth() {
        TimeScale s = TimeScale.fit(100, 1000);
        assertEquals(0, s.xOf(0), EPS);
        assertEquals(1000, s.xOf(100), EPS);
        assertEquals(250, s.xOf(25), EPS);
        assertEquals(25, s.timeAt(250), EPS);
        assertEquals(10, s.pixelsPerSecond(), EPS);
    }

    @Test
    void zoomKeepsTheTimeUnderTheMouseInPlace() {
        TimeScale s = TimeScale.fit(100, 1000).zoomAround(300, 4); // 30 s stays at x 300
        assertEquals(4, s.zoom(), EPS);
        assertEquals(40, s.pixelsPerSecond(), EPS);
        assertEquals(300, s.xOf(30), EPS);
        assertEquals(30 - 300 / 40.0, s.offset(), EPS);
        TimeScale back = s.zoomAround(300, 0.25);
        assertEquals(1, back.zoom(), EPS);
        assertEquals(0, back.offset(), EPS);
    }

    @Test
    void scrollingMovesByPixelsAndStaysInsideTheVideo() {
        TimeScale s = new TimeScale(100, 1000, 10, 0); // 10 s in view, 100 px per second
        assertEquals(2, s.scrollBy(200).offset(), EPS);
        assertEquals(420, s.scrollBy(200).xOf(6.2), EPS);
        assertEquals(90, s.scrollBy(1e9).offset(), EPS);
        assertEquals(0, s.scrollBy(-1e9).offset(), EPS);
        assertEquals(100, s.scrollBy(1e9).timeAt(1000), EPS);
    }

    @Test
    void zoomIsClampedAndInvalidSizesRefused() {
        assertEquals(1, TimeScale.fit(100, 1000).zoomAround(0, 0.01).zoom(), EPS);
        TimeScale max = TimeScale.fit(100, 1000).zoomAround(0, 1e12);
        assertEquals(TimeScale.MAX_PIXELS_PER_SECOND, max.pixelsPerSecond(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> TimeScale.fit(0, 100));
        assertThrows(IllegalArgumentException.class, () -> TimeScale.fit(10, 0));
    }

    @Test
    void revealScrollsOnlyWhenTheTimeIsOutOfView() {
        TimeScale s = new TimeScale(100, 1000, 10, 20); // 20..30 s
        assertEquals(s, s.reveal(25));
        TimeScale later = s.reveal(50);
        assertEquals(50, later.end() - later.visibleSeconds() / 10, EPS);
        assertEquals(10, s.withWidth(2000).visibleSeconds(), EPS); // same zoom and view on 2000 px
        assertEquals(200, s.withWidth(2000).pixelsPerSecond(), EPS);
    }
}
