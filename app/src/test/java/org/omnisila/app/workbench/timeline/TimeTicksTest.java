package org.omnisila.app.workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The ruler's tick step and labels: readable (no overlap, distinct) at every zoom. */
class TimeTicksTest {

    @Test
    void labelsNeverOverlapAndStayDistinctAtAnyZoom() {
        for (double duration : new double[] {3, 95, 4000, 20000, 90000}) {
            TimeScale s = TimeScale.fit(duration, 1280);
            for (double zoom = 1; zoom <= s.maxZoom(); zoom *= 1.7) {
                TimeScale z = new TimeScale(duration, 1280, zoom, duration / 3);
                double step = TimeTicks.step(z);
                double spacing = step * z.pixelsPerSecond();
                long k = TimeTicks.first(z, step);
                String a = TimeTicks.format(k * step, step);
                String b = TimeTicks.format((k + 1) * step, step);
                double width = TimeTicks.CHAR_WIDTH * Math.max(a.length(), b.length());
                assertTrue(spacing >= width + TimeTicks.GAP, duration + " s at zoom " + zoom + ": labels " + a
                        + ", " + b + " are " + spacing + " px apart");
                assertNotEquals(a, b, duration + " s at zoom " + zoom);
                // Not needlessly sparse: at most about 30 labels across the width.
                assertTrue(1280 / spacing > 3 || z.visibleSeconds() < 3 * step, duration + " s zoom " + zoom);
            }
        }
    }

    @Test
    void timesAreWrittenAsAnAnalystReadsThem() {
        assertEquals("5 s", TimeTicks.format(5, 1));
        assertEquals("1:15", TimeTicks.format(75, 15));
        assertEquals("1:15.5", TimeTicks.format(75.5, 0.5));
        assertEquals("1:02:05", TimeTicks.format(3725, 5));
        assertEquals("0.125", TimeTicks.format(0.125, 0.005));
        assertEquals("2:00.00", TimeTicks.format(119.999, 0.01));
    }
}
