package org.omnisila.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.omnisila.engine.api.Invalid.assertInvalid;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VideoAnalysisTest {

    @Test
    void shortConstructorUsesTheCurrentVersion() {
        VideoAnalysis a = new VideoAnalysis(Examples.video(), Examples.model(), List.of(), List.of());
        assertEquals(VideoAnalysis.SCHEMA_VERSION, a.schemaVersion());
        assertEquals(2, VideoAnalysis.SCHEMA_VERSION);
        assertEquals(List.of(), a.warnings(), "a video decoded without problems");
    }

    @Test
    void onlyTheCurrentVersionLivesInMemory() {
        assertInvalid("schemaVersion", "schemaVersion 1 is not the current version 2",
                () -> new VideoAnalysis(1, Examples.video(), Examples.model(), List.of(), List.of(), List.of()));
    }

    @Test
    void partsAreRequired() {
        assertInvalid("video", "video is required but was null",
                () -> new VideoAnalysis(null, Examples.model(), List.of(), List.of()));
        assertInvalid("model", "model is required but was null",
                () -> new VideoAnalysis(Examples.video(), null, List.of(), List.of()));
        assertInvalid("located", "located is required but was null",
                () -> new VideoAnalysis(Examples.video(), Examples.model(), List.of(), null));
        assertInvalid("warnings", "warnings is required but was null",
                () -> new VideoAnalysis(Examples.video(), Examples.model(), List.of(), List.of(), null));
    }

    @Test
    void segmentIndexEqualsPosition() {
        assertInvalid("segments[0].index", "segments[0].index is 1 but must equal its position 0",
                () -> new VideoAnalysis(Examples.video(), Examples.model(), List.of(Examples.segment1()), List.of()));
    }

    @Test
    void listsAreCopied() {
        List<LocatedSentiment> located = new ArrayList<>(List.of(Examples.located()));
        VideoAnalysis a = new VideoAnalysis(Examples.video(), Examples.model(), List.of(), located);
        located.clear();
        assertEquals(1, a.located().size());
        assertThrows(UnsupportedOperationException.class, () -> a.segments().add(Examples.segment0()));
    }
}
