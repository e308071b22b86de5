package org.omnisila.app.workbench.player;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameClockTest {
    private static final long S = 1_000_000_000L;

    @Test
    void theVideoTimeRunsAtTheSpeedFromItsAnchor() {
        FrameClock clock = new FrameClock();
        clock.start(10, 5 * S);
        assertEquals(12, clock.secondsAt(7 * S), 1e-9);
        clock.speed(2, 7 * S); // no jump when the speed changes
        assertEquals(12, clock.secondsAt(7 * S), 1e-9);
        assertEquals(16, clock.secondsAt(9 * S), 1e-9);
        assertEquals(8 * S, clock.nanosAt(14));
        clock.speed(0.25, 9 * S);
        assertEquals(16.25, clock.secondsAt(10 * S), 1e-9);
    }

    @Test
    void timesAreShownInMinutesSecondsAndHundredths() {
        assertEquals("0:00.00", TimeFormat.format(0));
        assertEquals("1:02.35", TimeFormat.format(62.349));
        assertEquals("1:00:05.00", TimeFormat.format(3605));
    }
}
