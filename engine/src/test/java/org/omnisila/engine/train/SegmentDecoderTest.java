package org.omnisila.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.api.LocatedSentiment;

class SegmentDecoderTest {
    private static final List<String> LABELS = List.of("Fighting", "Fire", "Normal");
    private static final int NORMAL = 2;

    /*
     * Six 2-second segments. Presence 0.9, 0.7, 0.1, 0.5, 0.6, 0.4 with threshold 0.3: segment 2 is off.
     * Most likely non-Normal labels: Fighting, Fighting, -, Fighting, Fire, Fire (Normal is never chosen, even
     * where it is the most probable, as in segment 1).
     * Runs: [0,4) Fighting, score (0.9+0.7)/2 = 0.8; [6,8) Fighting, 0.5; [8,12) Fire, (0.6+0.4)/2 = 0.5.
     */
    @Test
    void mergesRunsOfTheSameLabel() {
        double[] starts = {0, 2, 4, 6, 8, 10};
        double[] ends = {2, 4, 6, 8, 10, 12};
        float[] presence = {0.9f, 0.7f, 0.1f, 0.5f, 0.6f, 0.4f};
        float[][] probs = {
            {0.8f, 0.1f, 0.1f}, {0.3f, 0.1f, 0.6f}, {0.9f, 0.05f, 0.05f},
            {0.5f, 0.2f, 0.3f}, {0.2f, 0.7f, 0.1f}, {0.1f, 0.6f, 0.3f}};

        List<LocatedSentiment> located = SegmentDecoder.decode(starts, ends, presence, probs, LABELS, NORMAL, 0.3);

        assertEquals(3, located.size());
        assertEquals(0, located.get(0).start(), 0);
        assertEquals(4, located.get(0).end(), 0);
        assertEquals("Fighting", located.get(0).label());
        assertEquals(0.8, located.get(0).score(), 1e-6);
        assertEquals(6, located.get(1).start(), 0);
        assertEquals(8, located.get(1).end(), 0);
        assertEquals("Fighting", located.get(1).label());
        assertEquals("Fire", located.get(2).label());
        assertEquals(8, located.get(2).start(), 0);
        assertEquals(12, located.get(2).end(), 0);
        assertEquals(0.5, located.get(2).score(), 1e-6);
    }

    @Test
    void nothingAboveTheThresholdLocatesNothing() {
        assertEquals(List.of(), SegmentDecoder.decode(new double[] {0}, new double[] {2}, new float[] {0.2f},
                new float[][] {{0.9f, 0.05f, 0.05f}}, LABELS, NORMAL, 0.3));
    }
}
