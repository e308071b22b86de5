package org.omnisila.engine.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.scene.SceneFeatures.SlotCue;
import org.omnisila.engine.vision.Detection;
import org.omnisila.engine.video.RgbImage;

/** The object slots' layout on hand-built detections, and the extractor on the party photo. */
class ObjectExtractorTest {

    @Test
    void layoutIsSixSlotsOf48() {
        assertEquals(48, ObjectSlots.WIDTH);
        assertEquals(36, ObjectSlots.AS_SUBJECT);
        try (ObjectExtractor x = new ObjectExtractor(SceneFrames.PASS)) {
            assertEquals(Scene.OBJECT, x.scene());
            assertEquals(6, x.slots());
            assertEquals(288, x.width());
        }
    }

    @Test
    void slotsHoldClassBoxScoreAndRelationCountsAndEmptySlotsAreZero() {
        Detection person = new Detection(100, 0, 200, 400, 0.9f, 0, "person");
        Detection knife = new Detection(170, 200, 190, 230, 0.4f, 43, "knife");
        float[] row = new float[ObjectExtractor.SLOTS * ObjectSlots.WIDTH];
        List<SlotCue> cues = ObjectExtractor.encode(List.of(person, knife), SceneFrames.grey(400, 800), row);

        assertEquals(1, row[ObjectSlots.PRESENT]);
        assertEquals(1, row[ObjectSlots.SUPERCATEGORY]); // person
        assertEquals(1 / 80f, row[ObjectSlots.CLASS_ID]);
        assertArrayEquals(CocoClasses.code(0), java.util.Arrays.copyOfRange(row, ObjectSlots.CLASS_CODE,
                ObjectSlots.CLASS_CODE + 16));
        assertArrayEquals(new float[] {150 / 400f, 200 / 800f, 100 / 400f, 400 / 800f},
                java.util.Arrays.copyOfRange(row, ObjectSlots.BOX, ObjectSlots.BOX + 4), 1e-6f);
        assertEquals(40000 / 320000f, row[ObjectSlots.AREA], 1e-6f);
        assertEquals(0.9f, row[ObjectSlots.SCORE]);
        assertEquals(1, row[ObjectSlots.AS_SUBJECT + Predicate.HOLDING.ordinal()]);
        int k = ObjectSlots.WIDTH;
        assertEquals(1, row[k + ObjectSlots.SUPERCATEGORY + 6]); // knife: kitchen
        assertEquals(1, row[k + ObjectSlots.AS_OBJECT + Predicate.HOLDING.ordinal()]);
        assertEquals(0, row[k + ObjectSlots.AS_SUBJECT + Predicate.HOLDING.ordinal()]);

        assertEquals(new SlotCue("person holding knife", new Box(100, 0, 100, 400)), cues.get(0));
        assertEquals("person holding knife", cues.get(1).text());
        for (int slot = 2; slot < ObjectExtractor.SLOTS; slot++) {
            assertNull(cues.get(slot));
            for (int i = 0; i < ObjectSlots.WIDTH; i++) {
                assertEquals(0, row[slot * ObjectSlots.WIDTH + i]);
            }
        }
    }

    @Test
    void anObjectWithoutRelationsIsCuedByItsName() {
        float[] row = new float[ObjectExtractor.SLOTS * ObjectSlots.WIDTH];
        List<SlotCue> cues = ObjectExtractor.encode(List.of(new Detection(10, 10, 20, 30, 0.5f, 2, "car"),
                new Detection(300, 300, 310, 310, 0.3f, 15, "cat")), SceneFrames.grey(400, 400), row);
        assertEquals(new SlotCue("car", new Box(10, 10, 10, 20)), cues.get(0));
        assertEquals("cat", cues.get(1).text());
    }

    @Test
    void classCodesAreFixedAndDistinct() {
        assertEquals(0, CocoClasses.supercategory(0));
        assertEquals(1, CocoClasses.supercategory(8)); // boat: vehicle
        assertEquals(2, CocoClasses.supercategory(13)); // bench: outdoor
        assertEquals(11, CocoClasses.supercategory(79)); // toothbrush: indoor
        assertArrayEquals(CocoClasses.code(5), CocoClasses.code(5));
        double dot = 0;
        float[] a = CocoClasses.code(39);
        float[] b = CocoClasses.code(40);
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        assertTrue(Math.abs(dot) < 0.9, "codes of two classes are far from parallel: " + dot);
    }

    @Test
    void thePartyPhotoFillsSlotsWithItsPeopleAndTheExtractorsShareOnePass() {
        RgbImage photo = SceneFrames.photo();
        try (ObjectExtractor objects = new ObjectExtractor(SceneFrames.PASS)) {
            int runs = SceneFrames.PASS.runs();
            SceneFeatures f = objects.extract(SceneFrames.of(photo, photo));
            SceneFeatures again = objects.extract(SceneFrames.of(photo));
            assertTrue(SceneFrames.PASS.runs() - runs <= 1, "the same frame object runs CenterNet once");
            assertEquals(2, f.frames());
            assertArrayEquals(f.values()[0], again.values()[0]);
            for (int slot = 0; slot < ObjectExtractor.SLOTS; slot++) {
                assertNotNull(f.cues().get(0).get(slot), "seven objects fill all six slots");
                assertEquals(1, f.values()[0][slot * ObjectSlots.WIDTH + ObjectSlots.PRESENT]);
            }
            assertEquals(1, f.values()[0][ObjectSlots.SUPERCATEGORY]);
            assertEquals(0.66f, f.values()[0][ObjectSlots.SCORE], 0.01f);
            for (float v : f.values()[1]) {
                assertTrue(Float.isFinite(v));
            }
        }
    }
}
