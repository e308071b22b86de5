package org.omnisila.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.omnisila.engine.api.Invalid.assertInvalid;

import org.junit.jupiter.api.Test;

class CueTest {

    @Test
    void boxIsOptional() {
        assertNull(new Cue("sunset over the sea", 1.0, null, 0.0).box());
        assertEquals(-2.0, new Cue("face", 1.0, new Box(-2, 0, 10, 10), 0.5).box().x(), "detector overshoot kept");
    }

    @Test
    void rejectsBadCues() {
        assertInvalid("text", "text must not be blank but was \"  \"", () -> new Cue("  ", 1, null, 0));
        assertInvalid("time", "time must be >= 0 but was -1.0", () -> new Cue("a", -1, null, 0));
        assertInvalid("weight", "weight must be >= 0 but was -0.5", () -> new Cue("a", 1, null, -0.5));
        assertInvalid("weight", "weight must be a finite number but was NaN", () -> new Cue("a", 1, null, Double.NaN));
    }

    @Test
    void rejectsBadBoxes() {
        assertInvalid("x", "x must be a finite number but was NaN", () -> new Box(Double.NaN, 0, 1, 1));
        assertInvalid("y", "y must be a finite number but was Infinity", () -> new Box(0, Double.POSITIVE_INFINITY, 1, 1));
        assertInvalid("width", "width must be > 0 but was 0.0", () -> new Box(0, 0, 0, 1));
        assertInvalid("height", "height must be > 0 but was -3.0", () -> new Box(0, 0, 1, -3));
    }
}
