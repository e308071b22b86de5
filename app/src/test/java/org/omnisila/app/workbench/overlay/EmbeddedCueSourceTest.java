package org.omnisila.app.workbench.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.scene.export.PersonMask;
import org.omnisila.engine.scene.export.SceneCueFile.PersonCue;

/** The real extractors on real footage: the 4-s vtest clip of the engine's test resources (pedestrians). */
class EmbeddedCueSourceTest {
    private static final Path CLIP = Path.of("..", "engine", "src", "test", "resources", "video", "vtest-0-4s.avi");
    /** The clip's frame size. */
    private static final int WIDTH = 768;
    private static final int HEIGHT = 576;

    @Test
    void recordsPersonsAndTheirMasksOnTheSampledFramesOfRealFootage() {
        List<Double> progress = new ArrayList<>();
        CueTrack track = new EmbeddedCueSource().record(CLIP, (phase, f) -> progress.add(f), () -> false);

        assertEquals(16, track.size(), "4 s in 2-s segments of 8 frames");
        assertEquals(16, track.masks(), "a person mask for every sampled frame");
        int withPersons = 0;
        double inPersons = 0;
        double elsewhere = 0;
        int bytes = 0;
        int high = 0;
        for (int k = 0; k < 16; k++) {
            CueTrack.Sample sample = track.at(0.125 + 0.25 * k).orElseThrow(); // the k-th sampled frame's time
            withPersons += sample.cues().persons().isEmpty() ? 0 : 1;
            byte[] mask = sample.mask().values();
            assertEquals(PersonMask.SIDE * PersonMask.SIDE, mask.length);
            bytes += sample.mask().size();
            boolean[] person = personCells(sample.cues().persons());
            double[] sum = new double[2];
            int[] count = new int[2];
            for (int i = 0; i < mask.length; i++) {
                int in = person[i] ? 1 : 0;
                sum[in] += (mask[i] & 0xff) / 255.0;
                count[in]++;
                high += person[i] && (mask[i] & 0xff) >= 128 ? 1 : 0;
            }
            inPersons += sum[1] / Math.max(1, count[1]);
            elsewhere += sum[0] / count[0];
        }
        String masks = String.format(Locale.ROOT, "vtest masks: %d bytes a frame; mean person probability %.3f in"
                + " the person boxes, %.3f elsewhere; %d cells >= 0.5 in them", bytes / 16, inPersons / 16,
                elsewhere / 16, high);
        System.out.println(masks); // seen: 1378 bytes, 0.338 in the boxes, 0.030 elsewhere
        assertTrue(inPersons / 16 > 0.2 && elsewhere / 16 < 0.1, masks);
        assertTrue(high > 16 * 20, masks);
        assertTrue(bytes / 16 < 4096, "kept small: " + masks);
        assertTrue(withPersons >= 12, "persons on " + withPersons + " of 16 frames");
        assertTrue(track.at(1.0).isPresent() && !track.at(1.0).get().cues().persons().isEmpty());
        assertTrue(!progress.isEmpty() && progress.get(progress.size() - 1) >= 0.99, progress.toString());
    }

    /** @return which mask cells lie in a person's box */
    private static boolean[] personCells(List<PersonCue> persons) {
        int side = PersonMask.SIDE;
        boolean[] in = new boolean[side * side];
        for (PersonCue p : persons) {
            Box b = p.box();
            for (int y = cell(b.y(), HEIGHT); y < cell(b.y() + b.height(), HEIGHT); y++) {
                for (int x = cell(b.x(), WIDTH); x < cell(b.x() + b.width(), WIDTH); x++) {
                    in[y * side + x] = true;
                }
            }
        }
        return in;
    }

    private static int cell(double pixel, int size) {
        return (int) Math.max(0, Math.min(PersonMask.SIDE, Math.round(pixel * PersonMask.SIDE / size)));
    }
}
