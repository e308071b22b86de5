package org.omnisila.app.workbench.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.omnisila.app.workbench.player.OverlayBox;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.scene.export.SceneCueFile.FaceCue;
import org.omnisila.engine.scene.export.SceneCueFile.FrameCues;
import org.omnisila.engine.scene.export.SceneCueFile.ObjectCue;
import org.omnisila.engine.scene.export.SceneCueFile.PersonCue;
import org.omnisila.engine.scene.export.SceneCueFile.SegmentCues;
import org.omnisila.engine.scene.export.SceneCueFile.TripleCue;
import org.omnisila.engine.video.VideoCancelledException;

/** Hand-made cues; the executors run tasks at once, so results are there on return. */
class OverlayViewModelTest {
    private static final Box FACE = new Box(10, 20, 30, 40);
    private static final Box PERSON = new Box(100, 50, 60, 150);
    private static final Box CUP = new Box(150, 120, 20, 20);

    private static FrameCues frame(double t) {
        Map<String, Float> p = new LinkedHashMap<>();
        p.put("happy", 0.92f);
        p.put("neutral", 0.08f);
        float[][] keypoints = new float[33][];
        for (int k = 0; k < 33; k++) {
            keypoints[k] = new float[] {110 + k, 60 + k, k < 3 ? 0.9f : 0.1f}; // three visible
        }
        return new FrameCues(0, t, t, List.of(new FaceCue(FACE, 0.99f, p, "happy")),
                List.of(new PersonCue(PERSON, 0.8f, 0.95f, keypoints)),
                List.of(new ObjectCue("person", 0, PERSON, 0.8f), new ObjectCue("cup", 41, CUP, 0.7f)),
                List.of(new TripleCue("person", "holding", "cup", 0, 1, PERSON, CUP)), null);
    }

    private final OverlayViewModel vm = new OverlayViewModel((v, l, c) -> List.of(), Runnable::run, Runnable::run);

    private static List<String> labels(List<OverlayBox> boxes) {
        return boxes.stream().map(OverlayBox::label).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void labelsFacesPersonsObjectsAndTriples() {
        List<OverlayBox> boxes = vm.boxes(frame(1));
        assertEquals(List.of("happy 0.92", "person", "person holding cup", "cup"), labels(boxes));
        assertEquals(new OverlayBox(10, 20, 30, 40, "happy 0.92"), boxes.get(0));
        List<OverlayBox> joints = boxes.stream().filter(b -> b.label().isEmpty()).toList();
        assertEquals(3, joints.size());
        assertEquals(new OverlayBox(108, 58, 4, 4, ""), joints.get(0)); // centred on (110, 60)
    }

    @Test
    void eachToggleHidesItsKind() {
        vm.facesProperty().set(false);
        assertEquals(List.of("person", "person holding cup", "cup"), labels(vm.boxes(frame(1))));
        vm.posesProperty().set(false);
        assertEquals(List.of("person holding cup", "cup"), labels(vm.boxes(frame(1))));
        assertEquals(2, vm.boxes(frame(1)).size()); // no joints either
        vm.objectsProperty().set(false);
        assertTrue(vm.boxes(frame(1)).isEmpty());
    }

    @Test
    void boxesAtFollowTheTrackOfTheVideoShown() {
        Path video = Path.of("/videos/a.mp4");
        assertNull(vm.boxesAt(video, 1)); // nothing computed: the overlay is left alone
        vm.setTrack(video, CueTrack.of(List.of(new SegmentCues(0, 0, 2, List.of(frame(0.5), frame(1.5))))));
        assertEquals(labels(vm.boxes(frame(0.5))), labels(vm.boxesAt(video, 0.6)));
        assertTrue(vm.boxesAt(video, 5).isEmpty());
        assertNull(vm.boxesAt(Path.of("/videos/b.mp4"), 0.6));
    }

    @Test
    void computeKeepsTheTrackAndSaysSo() throws Exception {
        Path video = Path.of("/videos/a.mp4");
        OverlayViewModel computing = new OverlayViewModel((v, listener, cancelled) -> {
            listener.progress("decoding and scene extraction", 0.5);
            return List.of(new SegmentCues(0, 0, 2, List.of(frame(0.5))));
        }, Runnable::run, Runnable::run);
        assertTrue(computing.compute(video).get());
        assertEquals(video, computing.trackProperty().get().video());
        assertEquals(1, computing.trackProperty().get().cues().size());
        assertFalse(computing.busyProperty().get());
        assertEquals("Cue overlays of a.mp4: 1 sampled frames.", computing.messageProperty().get());
    }

    @Test
    void cancelAndFailureKeepNoTrack() throws Exception {
        Path video = Path.of("/videos/a.mp4");
        OverlayViewModel cancelled = new OverlayViewModel((v, l, c) -> {
            throw new VideoCancelledException(v, 1, 2);
        }, Runnable::run, Runnable::run);
        assertFalse(cancelled.compute(video).get());
        assertNull(cancelled.trackProperty().get());
        assertEquals("Cue overlays cancelled.", cancelled.messageProperty().get());
        OverlayViewModel failing = new OverlayViewModel((v, l, c) -> {
            throw new IllegalStateException("no face model");
        }, Runnable::run, Runnable::run);
        assertFalse(failing.compute(video).get());
        assertTrue(failing.messageProperty().get().contains("no face model"), failing.messageProperty().get());
        assertFalse(failing.busyProperty().get());
        assertFalse(Arrays.asList(failing.compute(null).get()).contains(true));
    }
}
