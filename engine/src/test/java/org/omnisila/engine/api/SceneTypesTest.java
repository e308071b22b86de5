package org.omnisila.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.omnisila.engine.api.Invalid.assertInvalid;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scene, SceneWeights and SceneCues. */
class SceneTypesTest {

    @Test
    void sceneNamesAndExplicitness() {
        assertEquals(List.of("face", "action", "object", "background"),
                List.of(Scene.values()).stream().map(Scene::jsonName).toList());
        for (Scene scene : Scene.values()) {
            assertSame(scene, Scene.fromJsonName(scene.jsonName()));
        }
        assertTrue(Scene.FACE.isExplicit());
        assertFalse(Scene.ACTION.isExplicit() || Scene.OBJECT.isExplicit() || Scene.BACKGROUND.isExplicit());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scene.fromJsonName("Face"));
        assertEquals("unknown scene \"Face\"; expected one of face, action, object, background", e.getMessage());
    }

    @Test
    void weightsByScene() {
        SceneWeights w = new SceneWeights(0.1, 0.2, 0.3, 0.4);
        assertEquals(0.1, w.get(Scene.FACE));
        assertEquals(0.2, w.get(Scene.ACTION));
        assertEquals(0.3, w.get(Scene.OBJECT));
        assertEquals(0.4, w.get(Scene.BACKGROUND));
        assertEquals(1.0, w.sum(), 1e-12);
        Map<Scene, Double> map = new EnumMap<>(Scene.class);
        for (Scene scene : Scene.values()) {
            map.put(scene, w.get(scene));
        }
        assertEquals(w, SceneWeights.of(map));
    }

    @Test
    void weightsRejectNonFiniteAndMissingScenes() {
        assertInvalid("object", "object must be a finite number but was NaN",
                () -> new SceneWeights(0, 0, Double.NaN, 0));
        assertInvalid("action", "scene weights need a value for every scene; missing action, background",
                () -> SceneWeights.of(Map.of(Scene.FACE, 0.5, Scene.OBJECT, 0.5)));
    }

    @Test
    void cuesByScene() {
        Cue a = new Cue("a", 0, null, 0);
        Cue b = new Cue("b", 0, null, 0);
        Cue c = new Cue("c", 0, null, 0);
        Cue d = new Cue("d", 0, null, 0);
        SceneCues cues = new SceneCues(List.of(a), List.of(b), List.of(c), List.of(d));
        assertEquals(List.of(a), cues.get(Scene.FACE));
        assertEquals(List.of(b), cues.get(Scene.ACTION));
        assertEquals(List.of(c), cues.get(Scene.OBJECT));
        assertEquals(List.of(d), cues.get(Scene.BACKGROUND));
        for (Scene scene : Scene.values()) {
            assertTrue(SceneCues.empty().get(scene).isEmpty());
        }
    }

    @Test
    void cueListsAreCopiedAndChecked() {
        List<Cue> face = new ArrayList<>(List.of(new Cue("a", 0, null, 0)));
        SceneCues cues = new SceneCues(face, List.of(), List.of(), List.of());
        face.clear();
        assertEquals(1, cues.face().size());
        assertThrows(UnsupportedOperationException.class, () -> cues.face().clear());
        assertInvalid("background", "background is required but was null",
                () -> new SceneCues(List.of(), List.of(), List.of(), null));
        List<Cue> withNull = new ArrayList<>();
        withNull.add(null);
        assertInvalid("action[0]", "action[0] is required but was null",
                () -> new SceneCues(List.of(), withNull, List.of(), List.of()));
    }
}
