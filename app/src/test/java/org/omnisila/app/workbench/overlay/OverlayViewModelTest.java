package org.omnisila.app.workbench.overlay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.omnisila.app.workbench.player.OverlayBox;
import org.omnisila.app.workbench.player.OverlayKind;
import org.omnisila.app.workbench.player.OverlayLine;
import org.omnisila.app.workbench.player.OverlayMask;
import org.omnisila.app.workbench.player.OverlayShape;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.scene.export.PersonMask;
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
            keypoints[k] = new float[] {110 + k, 60 + k, k < 3 ? 0.9f : 0.1f}; // nose and left eye: 2 bones
        }
        return new FrameCues(0, t, t, List.of(new FaceCue(FACE, 0.99f, p, "happy")),
                List.of(new PersonCue(PERSON, 0.8f, 0.95f, keypoints)),
                List.of(new ObjectCue("person", 0, PERSON, 0.8f), new ObjectCue("cup", 41, CUP, 0.7f)),
                List.of(new TripleCue("person", "holding", "cup", 0, 1, PERSON, CUP)), null);
    }

    /** A mask whose left half is person (1), right half not (0). */
    private static final PersonMask HALF = halfMask();

    private static PersonMask halfMask() {
        float[] p = new float[256 * 256];
        for (int i = 0; i < p.length; i++) {
            p[i] = i % 256 < 128 ? 1 : 0;
        }
        return PersonMask.of(p);
    }

    private static CueTrack.Sample sample(double t) {
        return new CueTrack.Sample(frame(t), HALF);
    }

    private final OverlayViewModel vm = new OverlayViewModel((v, l, c) -> CueTrack.EMPTY, Runnable::run,
            Runnable::run);

    private static List<String> labels(List<? extends OverlayShape> shapes) {
        return shapes.stream().filter(OverlayBox.class::isInstance).map(s -> ((OverlayBox) s).label())
                .filter(s -> !s.isEmpty()).toList();
    }

    private static <T extends OverlayShape> List<T> only(Class<T> type, List<OverlayShape> shapes) {
        return shapes.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void maskFirstThenFacesPersonsObjectsAndTriplesEachInItsKind() {
        List<OverlayShape> shapes = vm.shapes(sample(1));
        OverlayMask mask = assertInstanceOf(OverlayMask.class, shapes.get(0), "the mask under the rest");
        assertEquals(PersonMask.SIDE, mask.width());
        assertEquals(PersonMask.SIDE, mask.height());
        assertArrayEquals(HALF.values(), mask.values());
        assertEquals(new OverlayBox(10, 20, 30, 40, "happy 0.92", OverlayKind.FACE), shapes.get(1));
        assertEquals(List.of("happy 0.92", "person", "person holding cup", "cup"), labels(shapes));
        assertEquals(List.of(OverlayKind.FACE, OverlayKind.POSE, OverlayKind.OBJECT, OverlayKind.OBJECT),
                only(OverlayBox.class, shapes).stream().filter(b -> !b.label().isEmpty()).map(OverlayBox::kind)
                        .toList());
        // keypoints 0, 1, 2 visible: MediaPipe's bones (0, 1) and (1, 2)
        assertEquals(List.of(new OverlayLine(110, 60, 111, 61, OverlayKind.POSE),
                new OverlayLine(111, 61, 112, 62, OverlayKind.POSE)), only(OverlayLine.class, shapes));
        List<OverlayBox> joints = only(OverlayBox.class, shapes).stream().filter(b -> b.label().isEmpty()).toList();
        assertEquals(3, joints.size());
        assertEquals(new OverlayBox(108, 58, 4, 4, "", OverlayKind.POSE), joints.get(0)); // centred on (110, 60)
        assertEquals(shapes, vm.shapes(sample(1)), "the same frame, the same shapes: the layer need not redraw");
    }

    @Test
    void eachToggleHidesItsKind() {
        assertEquals(1 + 1 + 6 + 2, vm.shapes(sample(1)).size()); // mask, face, person (box, 2 bones, 3 joints), 2
        vm.maskProperty().set(false);
        assertTrue(only(OverlayMask.class, vm.shapes(sample(1))).isEmpty());
        assertEquals(9, vm.shapes(sample(1)).size());
        vm.facesProperty().set(false);
        assertEquals(List.of("person", "person holding cup", "cup"), labels(vm.shapes(sample(1))));
        vm.posesProperty().set(false);
        assertEquals(List.of("person holding cup", "cup"), labels(vm.shapes(sample(1))));
        assertEquals(2, vm.shapes(sample(1)).size()); // no joints or bones either
        vm.objectsProperty().set(false);
        assertTrue(vm.shapes(sample(1)).isEmpty());
        vm.maskProperty().set(true);
        assertEquals(1, vm.shapes(sample(1)).size());
        assertTrue(vm.shapes(new CueTrack.Sample(frame(1), null)).isEmpty(), "no mask kept, none drawn");
    }

    @Test
    void shapesAtFollowTheTrackOfTheVideoShown() {
        Path video = Path.of("/videos/a.mp4");
        assertNull(vm.shapesAt(video, 1)); // nothing computed: the overlay is left alone
        SegmentCues segment = new SegmentCues(0, 0, 2, List.of(frame(0.5), frame(1.5)));
        vm.setTrack(video, CueTrack.of(List.of(segment), Map.of(new CueTrack.FrameRef(0, 0), HALF)));
        List<OverlayShape> shapes = vm.shapesAt(video, 0.6);
        assertEquals(labels(vm.shapes(sample(0.5))), labels(shapes));
        assertEquals(1, only(OverlayMask.class, shapes).size());
        assertEquals(2, only(OverlayLine.class, shapes).size());
        assertTrue(vm.shapesAt(video, 5).isEmpty());
        assertNull(vm.shapesAt(Path.of("/videos/b.mp4"), 0.6));
    }

    @Test
    void computeKeepsTheTrackAndSaysSo() throws Exception {
        Path video = Path.of("/videos/a.mp4");
        OverlayViewModel computing = new OverlayViewModel((v, listener, cancelled) -> {
            listener.progress("decoding and scene extraction", 0.5);
            return CueTrack.of(List.of(new SegmentCues(0, 0, 2, List.of(frame(0.5)))));
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
