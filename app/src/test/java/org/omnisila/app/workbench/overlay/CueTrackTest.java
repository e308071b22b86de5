package org.omnisila.app.workbench.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.scene.export.SceneCueFile.FrameCues;
import org.omnisila.engine.scene.export.SceneCueFile.SegmentCues;

class CueTrackTest {
    /** A 2-s segment of 4 frames (spacing 0.5 s, reach 0.25 s) at start + 0.25, 0.75, 1.25, 1.75. */
    static SegmentCues segment(int index, double start) {
        List<FrameCues> frames = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            double t = start + 0.25 + 0.5 * k;
            frames.add(new FrameCues(k, t, t, List.of(), List.of(), List.of(), List.of(), null));
        }
        return new SegmentCues(index, start, start + 2, frames);
    }

    @Test
    void givesTheNearestSampledFrame() {
        CueTrack track = CueTrack.of(List.of(segment(1, 2), segment(0, 0))); // any order
        assertEquals(8, track.size());
        assertEquals(0.25, track.at(0.0).orElseThrow().cues().time(), 1e-9);
        assertEquals(0.25, track.at(0.4).orElseThrow().cues().time(), 1e-9);
        assertEquals(0.75, track.at(0.6).orElseThrow().cues().time(), 1e-9);
        assertEquals(1.75, track.at(1.9).orElseThrow().cues().time(), 1e-9);
        assertEquals(2.25, track.at(2.1).orElseThrow().cues().time(), 1e-9);
        assertEquals(3.75, track.at(4.0).orElseThrow().cues().time(), 1e-9);
    }

    @Test
    void nothingFarFromAnySampledFrame() {
        CueTrack track = CueTrack.of(List.of(segment(0, 0), segment(5, 10)));
        assertTrue(track.at(-0.1).isEmpty());
        assertTrue(track.at(4.0).isEmpty()); // in the gap between 2 s and 10 s
        assertTrue(track.at(12.3).isEmpty());
        assertTrue(track.at(Double.NaN).isEmpty());
        assertEquals(10.25, track.at(10.0).orElseThrow().cues().time(), 1e-9);
        assertTrue(CueTrack.EMPTY.at(1).isEmpty());
        assertTrue(CueTrack.of(List.of(new SegmentCues(0, 0, 2, List.of()))).at(1).isEmpty());
    }
}
