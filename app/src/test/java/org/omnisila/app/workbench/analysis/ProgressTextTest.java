package org.omnisila.app.workbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressTextTest {
    @Test
    void timeLeftIsElapsedTimesWhatRemainsOverWhatIsDone() {
        assertEquals("model 50%, about 10 s left", ProgressText.of("model", 0.5, 10));
        assertEquals("decoding 25%, about 1 min 30 s left", ProgressText.of("decoding", 0.25, 30));
        assertEquals("decoding 10%, about 1 h 30 min left", ProgressText.of("decoding", 0.1, 600));
    }

    @Test
    void noEstimateAtTheVeryStartOrAtTheEnd() {
        assertEquals("loading 0%", ProgressText.of("loading", 0, 5));
        assertEquals("decoding 1%", ProgressText.of("decoding", 0.01, 5));
        assertEquals("decoding 40%", ProgressText.of("decoding", 0.4, 0.5));
        assertEquals("done 100%", ProgressText.of("done", 1, 20));
    }
}
