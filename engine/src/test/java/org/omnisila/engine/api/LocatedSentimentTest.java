package org.omnisila.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.omnisila.engine.api.Invalid.assertInvalid;

import org.junit.jupiter.api.Test;

class LocatedSentimentTest {

    @Test
    void keepsItsValuesAndAllowsNoAttribution() {
        LocatedSentiment l = new LocatedSentiment(18.44, 31.199, "positive", 0.75, null);
        assertEquals(12.759, l.duration(), 1e-9);
        assertNull(l.attribution());
        assertEquals("", new LocatedSentiment(0, 0, "Fire", 0, "").attribution(), "zero length and empty text allowed");
    }

    @Test
    void rejectsBadValues() {
        assertInvalid("end", "end 1.0 is before start 2.0", () -> new LocatedSentiment(2, 1, "Fire", 0.5, null));
        assertInvalid("start", "start must be a finite number but was -Infinity",
                () -> new LocatedSentiment(Double.NEGATIVE_INFINITY, 1, "Fire", 0.5, null));
        assertInvalid("label", "label must not be blank but was \"\"", () -> new LocatedSentiment(0, 1, "", 0.5, null));
        assertInvalid("score", "score 1.5 is outside [0, 1]", () -> new LocatedSentiment(0, 1, "Fire", 1.5, null));
        assertInvalid("score", "score must be a finite number but was NaN",
                () -> new LocatedSentiment(0, 1, "Fire", Double.NaN, null));
    }
}
