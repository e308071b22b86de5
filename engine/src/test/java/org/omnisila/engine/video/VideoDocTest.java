package org.omnisila.engine.video;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The video section of docs/formats.md keeps up with the code: every warning kind, the default plan. */
class VideoDocTest {

    private static String section() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "formats.md"));
        int start = doc.indexOf("## Video input (decoding and sampling)");
        assertTrue(start >= 0, "formats.md has a video section");
        int next = doc.indexOf("\n## ", start + 4);
        return next < 0 ? doc.substring(start) : doc.substring(start, next);
    }

    @Test
    void documentsEveryWarningKindAndTheDefaults() throws IOException {
        String s = section();
        for (VideoWarning.Kind k : VideoWarning.Kind.values()) {
            assertTrue(s.contains("| `" + k + "` |"), k + " has a row");
        }
        assertTrue(s.contains(String.format(Locale.ROOT, "(default %.1f s)", SegmentPlan.DEFAULT.segmentLength())));
        assertTrue(s.contains("(default " + SegmentPlan.DEFAULT.framesPerSegment() + ")"));
        assertTrue(s.contains("G = max(" + (int) SegmentSampler.GAP_FRAMES + "/f, " + SegmentSampler.GAP_SECONDS
                + " s)"));
    }
}
