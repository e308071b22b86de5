package org.omnisila.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.omnisila.engine.api.Invalid.assertInvalid;

import org.junit.jupiter.api.Test;

class VideoInfoTest {

    private static final String SHA = Examples.VIDEO_SHA;

    @Test
    void keepsItsValues() {
        VideoInfo v = new VideoInfo("a.mp4", SHA, 3.5, 29.97, 640, 360);
        assertEquals(29.97, v.fps());
        assertEquals(360, v.height());
    }

    @Test
    void rejectsBadValues() {
        assertInvalid("path", "path must not be blank but was \" \"", () -> new VideoInfo(" ", SHA, 1, 25, 1, 1));
        assertInvalid("path", "path is required but was null", () -> new VideoInfo(null, SHA, 1, 25, 1, 1));
        assertInvalid("sha256", "sha256 is required but was null", () -> new VideoInfo("a", null, 1, 25, 1, 1));
        assertInvalid("sha256", "sha256 must be 64 lowercase hexadecimal digits (SHA-256) but was \""
                + SHA.toUpperCase() + "\"", () -> new VideoInfo("a", SHA.toUpperCase(), 1, 25, 1, 1));
        assertInvalid("duration", "duration must be > 0 but was 0.0", () -> new VideoInfo("a", SHA, 0, 25, 1, 1));
        assertInvalid("duration", "duration must be a finite number but was NaN",
                () -> new VideoInfo("a", SHA, Double.NaN, 25, 1, 1));
        assertInvalid("fps", "fps must be a finite number but was Infinity",
                () -> new VideoInfo("a", SHA, 1, Double.POSITIVE_INFINITY, 1, 1));
        assertInvalid("fps", "fps must be > 0 but was -25.0", () -> new VideoInfo("a", SHA, 1, -25, 1, 1));
        assertInvalid("width", "width must be > 0 but was 0", () -> new VideoInfo("a", SHA, 1, 25, 0, 1));
        assertInvalid("height", "height must be > 0 but was -1", () -> new VideoInfo("a", SHA, 1, 25, 1, -1));
    }
}
