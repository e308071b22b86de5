package org.omnisila.engine.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.vision.Detection;

/** Each predicate on hand-built boxes (pixels), with the cases just outside its thresholds. */
class RelationRulesTest {

    private static final Map<String, Integer> CLASS = Map.ofEntries(Map.entry("person", 0), Map.entry("bicycle", 1),
            Map.entry("car", 2), Map.entry("motorcycle", 3), Map.entry("dog", 16), Map.entry("horse", 17),
            Map.entry("cup", 41), Map.entry("knife", 43), Map.entry("dining table", 60));

    static Detection d(String label, float x1, float y1, float x2, float y2) {
        return new Detection(x1, y1, x2, y2, 0.5f, CLASS.get(label), label);
    }

    private static List<String> texts(List<Detection> detections) {
        return RelationRules.derive(detections).stream().map(Relation::text).toList();
    }

    @Test
    void personOverABicycleIsRidingIt() {
        Detection person = d("person", 100, 50, 200, 300);
        Detection bike = d("bicycle", 80, 180, 220, 320);
        assertTrue(RelationRules.riding(person, bike));
        assertEquals(List.of("person riding bicycle"), texts(List.of(bike, person)));
        assertTrue(RelationRules.riding(person, d("horse", 80, 180, 220, 320)));
        // Beside the bicycle, on a car, or only touching the bicycle's top: not riding.
        assertFalse(RelationRules.riding(d("person", 300, 50, 400, 300), bike));
        assertFalse(RelationRules.riding(person, d("car", 80, 180, 220, 320)));
        assertFalse(RelationRules.riding(d("person", 100, 50, 200, 200), bike), "bottom edge only 20 px into it");
    }

    @Test
    void anObjectAtTheSideOfAPersonAtArmHeightIsHeld() {
        Detection person = d("person", 100, 0, 200, 400); // hands: x 75..135 and 165..225, y 100..300
        Detection knife = d("knife", 170, 200, 190, 230);
        assertEquals(List.of("person holding knife"), texts(List.of(person, knife)));
        assertFalse(RelationRules.holding(person, d("knife", 140, 200, 160, 230), RelationRules.handRegions(person)),
                "in the middle of the body");
        assertFalse(RelationRules.holding(person, d("knife", 170, 500, 190, 530), RelationRules.handRegions(person)),
                "below the feet");
        assertFalse(RelationRules.holding(person, d("car", 170, 200, 190, 230), RelationRules.handRegions(person)),
                "cars are not holdable");
        assertFalse(RelationRules.holding(person, d("cup", 120, 100, 300, 300), RelationRules.handRegions(person)),
                "larger than half the person");
        assertFalse(RelationRules.holding(d("dog", 100, 0, 200, 400), knife, RelationRules.handRegions(person)),
                "only people hold");
    }

    @Test
    void wristsMoveTheHandsWhereThePoseSaysTheyAre() {
        Detection person = d("person", 100, 0, 200, 400);
        Detection knife = d("knife", 140, 240, 160, 270); // in front of the belly: a hand there only with a pose
        float[][] wrists = {{150, 250}};
        assertFalse(RelationRules.holds(Predicate.HOLDING, person, knife, null));
        assertTrue(RelationRules.holds(Predicate.HOLDING, person, knife, wrists));
        assertEquals("person holding knife",
                RelationRules.derive(List.of(person, knife), Map.of(0, wrists)).get(0).text());
        assertFalse(RelationRules.holds(Predicate.HOLDING, person, d("knife", 170, 200, 190, 230), wrists),
                "the side region does not count once the wrists are known");
        assertThrows(IllegalArgumentException.class,
                () -> RelationRules.handRegions(person, new float[][] {{1, 2, 3}}));
    }

    @Test
    void aCupStandingOnATableIsOnIt() {
        Detection table = d("dining table", 100, 200, 300, 300);
        assertEquals(List.of("cup on dining table"), texts(List.of(table, d("cup", 140, 160, 170, 205))));
        // Floating 30 px above it: near, not on (near is symmetric: the earlier detection is its subject).
        assertEquals(List.of("dining table near cup"), texts(List.of(table, d("cup", 140, 120, 170, 170))));
        assertEquals(List.of("cup near dining table"), texts(List.of(d("cup", 140, 120, 170, 170), table)));
        // Beside it: not on.
        assertFalse(RelationRules.on(d("cup", 320, 160, 350, 205), table));
        // Sunk to the table's middle: not on its top part.
        assertFalse(RelationRules.on(d("cup", 140, 190, 170, 260), table));
    }

    @Test
    void theOverlappingBoxWithTheLowerBottomEdgeIsInFront() {
        Detection near = d("person", 100, 100, 200, 400);
        Detection far = d("person", 150, 80, 240, 350);
        assertEquals(List.of("person in front of person"), texts(List.of(far, near)));
        Relation r = RelationRules.derive(List.of(far, near)).get(0);
        assertEquals(1, r.subjectIndex());
        assertEquals(0, r.objectIndex());
        assertEquals(new Box(100, 80, 140, 320), r.unionBox());
        // Same bottom edge: the clearly larger box is in front.
        assertTrue(RelationRules.inFrontOf(d("car", 0, 0, 400, 300), d("dog", 350, 200, 450, 295)));
        assertFalse(RelationRules.inFrontOf(d("dog", 350, 200, 450, 295), d("car", 0, 0, 400, 300)));
        // Not overlapping: never in front.
        assertFalse(RelationRules.inFrontOf(d("person", 300, 100, 400, 500), far));
    }

    @Test
    void touchingAndNearDependOnTheGapRelativeToTheBoxes() {
        Detection a = d("car", 0, 0, 100, 50);
        assertEquals(List.of("car touching car"), texts(List.of(a, d("car", 102, 0, 200, 50))));
        assertEquals(List.of("car near car"), texts(List.of(a, d("car", 130, 0, 230, 50))));
        assertEquals(List.of(), texts(List.of(a, d("car", 200, 0, 300, 50))), "two car lengths apart");
        assertEquals(0, RelationRules.gap(a, d("car", 50, 20, 150, 80)));
        assertEquals(50, RelationRules.gap(a, d("car", 130, 90, 230, 150)), 1e-4);
    }

    @Test
    void onePairGivesOneRelationAndSymmetricOnesAreReportedOnce() {
        List<Relation> r = RelationRules.derive(List.of(d("car", 0, 0, 100, 50), d("car", 102, 0, 200, 50),
                d("car", 1000, 0, 1100, 50)));
        assertEquals(1, r.size());
        assertEquals(0, r.get(0).subjectIndex());
        assertEquals(List.of(), RelationRules.derive(List.of()));
        assertEquals(List.of(), RelationRules.derive(List.of(d("car", 0, 0, 10, 10))));
    }
}
