package org.omnisila.app.workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Visible-range search and neighbours by binary search, checked against a linear scan. */
class SpanIndexTest {

    @Test
    void theVisibleRangeHoldsExactlyTheOverlappingSpansEvenWhenSpansOverlap() {
        Random r = new Random(7);
        int n = 2000;
        double[] starts = new double[n];
        double[] ends = new double[n];
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += r.nextDouble() * 2;
            starts[i] = t;
            ends[i] = t + (r.nextInt(20) == 0 ? 50 : r.nextDouble() * 3); // a few long spans overlap many
        }
        SpanIndex index = new SpanIndex(starts, ends);
        for (int q = 0; q < 500; q++) {
            double t0 = r.nextDouble() * (t + 10) - 5;
            double t1 = t0 + r.nextDouble() * 30;
            int first = index.firstOverlapping(t0);
            int last = index.lastOverlapping(t1);
            for (int i = 0; i < n; i++) {
                boolean overlaps = ends[i] >= t0 && starts[i] <= t1;
                if (overlaps) {
                    assertTrue(i >= first && i <= last, "span " + i + " missing from [" + first + ", " + last + "]");
                }
            }
            assertTrue(first == n || ends[first] >= t0 || Arrays.stream(ends, 0, first).max().orElse(-1) < t0);
        }
    }

    @Test
    void atNextAndPrevious() {
        SpanIndex index = new SpanIndex(new double[] {0.5, 2.0, 4.0}, new double[] {1.5, 5.0, 4.5});
        assertEquals(0, index.at(1.0));
        assertEquals(-1, index.at(1.7));
        assertEquals(2, index.at(4.2)); // inside spans 1 and 2: the later start
        assertEquals(1, index.at(4.8)); // span 2 ended, span 1 still on
        assertEquals(1, index.nextAfter(0.5));
        assertEquals(-1, index.nextAfter(4.0));
        assertEquals(1, index.previousBefore(4.0));
        assertEquals(-1, index.previousBefore(0.5));
        assertEquals(0, index.firstOverlapping(-3));
        assertEquals(-1, index.lastOverlapping(0.1));
    }

    @Test
    void unsortedSpansAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SpanIndex(new double[] {2, 1}, new double[] {3, 4}));
    }
}
