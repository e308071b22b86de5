package org.omnisila.app.workbench.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameSnapTest {

    @Test
    void aTimeSnapsToTheNearestFrame() {
        assertEquals(1.0, FrameSnap.snap(1.04, 10), 0);
        assertEquals(1.1, FrameSnap.snap(1.06, 10), 0);
        assertEquals(0.233333, FrameSnap.snap(7 / 30.0 + 0.01, 30), 0, "kept to the microsecond");
        assertEquals(0, FrameSnap.snap(-0.5, 25), 0, "never before the video");
    }

    @Test
    void withoutAFrameRateATimeIsOnlyRoundedToTheMicrosecond() {
        assertEquals(1.234568, FrameSnap.snap(1.23456789, 0), 0);
        assertEquals(1.234568, FrameSnap.snap(1.23456789, Double.NaN), 0);
    }

    @Test
    void secondsAndMinutesSecondsAreRead() {
        assertEquals(12.5, FrameSnap.parse(" 12.5 ", "start"), 0);
        assertEquals(12.5, FrameSnap.parse("12,5", "start"), 0);
        assertEquals(12.5, FrameSnap.parse("12.5 s", "start"), 0);
        assertEquals(62.5, FrameSnap.parse("1:02.5", "start"), 0);
    }

    @Test
    void whatIsNotATimeIsRefusedSayingWhatToType() {
        for (String bad : new String[] {"abc", "-1", "1:75", "", "NaN", "Infinity"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FrameSnap.parse(bad, "end"), bad);
            assertTrue(e.getMessage().startsWith("The end \"" + bad.strip() + "\" is not a time: type seconds"),
                    e.getMessage());
        }
    }

    @Test
    void theFieldsShowThreeDecimals() {
        assertEquals("2.500", FrameSnap.format(2.5));
        assertEquals("0.233", FrameSnap.format(0.233333));
    }
}
