package org.omnisila.engine.scene;

import org.omnisila.engine.api.Box;
import org.omnisila.engine.vision.Detection;

/**
 * A (subject, predicate, object) triple between two detections of one frame.
 *
 * @param subjectIndex the subject's index in the detection list the relation was derived from
 * @param predicate    the relation
 * @param objectIndex  the object's index in that list
 * @param subject      the subject's detection
 * @param object       the object's detection
 */
public record Relation(int subjectIndex, Predicate predicate, int objectIndex, Detection subject, Detection object) {

    public Relation {
        if (subjectIndex == objectIndex) {
            throw new IllegalArgumentException("an object cannot relate to itself (index " + subjectIndex + ")");
        }
    }

    /** @return e.g. {@code "person holding knife"} */
    public String text() {
        return subject.label() + " " + predicate.text() + " " + object.label();
    }

    /** @return the smallest box holding both boxes, in the frame's pixels */
    public Box unionBox() {
        float x1 = Math.min(subject.x1(), object.x1());
        float y1 = Math.min(subject.y1(), object.y1());
        float x2 = Math.max(subject.x2(), object.x2());
        float y2 = Math.max(subject.y2(), object.y2());
        return Boxes.of(x1, y1, x2, y2);
    }
}
