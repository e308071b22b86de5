package org.omnisila.app.workbench.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.scene.export.SceneCueFile.FrameCues;
import org.omnisila.engine.scene.export.SceneCueFile.SegmentCues;

/** The real extractors on real footage: the 4-s vtest clip of the engine's test resources (pedestrians). */
class EmbeddedCueSourceTest {
    private static final Path CLIP = Path.of("..", "engine", "src", "test", "resources", "video", "vtest-0-4s.avi");

    @Test
    void recordsPersonsOnTheSampledFramesOfRealFootage() {
        List<Double> progress = new ArrayList<>();
        List<SegmentCues> segments = new EmbeddedCueSource().record(CLIP, (phase, f) -> progress.add(f), () -> false);

        assertEquals(2, segments.size(), "4 s in 2-s segments");
        int withPersons = 0;
        int frames = 0;
        for (SegmentCues s : segments) {
            for (FrameCues f : s.frames()) {
                frames++;
                withPersons += f.persons().isEmpty() ? 0 : 1;
            }
        }
        assertEquals(16, frames);
        assertTrue(withPersons >= 12, "persons on " + withPersons + " of 16 frames");
        CueTrack track = CueTrack.of(segments);
        assertTrue(track.at(1.0).isPresent() && !track.at(1.0).get().persons().isEmpty());
        assertTrue(!progress.isEmpty() && progress.get(progress.size() - 1) >= 0.99, progress.toString());
    }
}
