package org.omnisila.engine.scene;

import java.util.List;
import org.omnisila.engine.vision.Detection;

/**
 * One object's {@link #WIDTH} feature values in a slot of {@link ObjectExtractor} (docs/model.md,
 * "Scene-Enriched Modeling"):
 *
 * <pre>
 * offset  values  field
 *  0       1      present: 1
 *  1      12      COCO supercategory, one-hot ({@link CocoClasses#SUPERCATEGORIES})
 * 13       1      class id: (class index + 1) / 80
 * 14      16      class code ({@link CocoClasses#code})
 * 30       4      box centre x, centre y, width, height, as fractions of the frame's width / height
 * 34       1      box area / frame area
 * 35       1      detection score
 * 36       6      relations with this object as subject, per {@link Predicate} in declaration order (counts)
 * 42       6      relations with this object as object, same order (counts)
 * </pre>
 */
final class ObjectSlots {

    static final int PRESENT = 0;
    static final int SUPERCATEGORY = 1;
    static final int CLASS_ID = SUPERCATEGORY + CocoClasses.SUPERCATEGORIES.size();
    static final int CLASS_CODE = CLASS_ID + 1;
    static final int BOX = CLASS_CODE + CocoClasses.CODE;
    static final int AREA = BOX + 4;
    static final int SCORE = AREA + 1;
    static final int AS_SUBJECT = SCORE + 1;
    static final int AS_OBJECT = AS_SUBJECT + Predicate.values().length;
    static final int WIDTH = AS_OBJECT + Predicate.values().length;

    private ObjectSlots() {
    }

    /**
     * Writes detection {@code index}'s values at {@code row[offset .. offset + WIDTH)}.
     *
     * @param detections the frame's detections, best first
     * @param index      which one
     * @param relations  the frame's relations over {@code detections}
     * @param width      the frame's width, pixels
     * @param height     the frame's height, pixels
     */
    static void encode(List<Detection> detections, int index, List<Relation> relations, int width, int height,
            float[] row, int offset) {
        Detection d = detections.get(index);
        row[offset + PRESENT] = 1;
        row[offset + SUPERCATEGORY + CocoClasses.supercategory(d.classIndex())] = 1;
        row[offset + CLASS_ID] = (d.classIndex() + 1) / (float) CocoClasses.CLASSES;
        System.arraycopy(CocoClasses.code(d.classIndex()), 0, row, offset + CLASS_CODE, CocoClasses.CODE);
        row[offset + BOX] = (d.x1() + d.x2()) / 2 / width;
        row[offset + BOX + 1] = (d.y1() + d.y2()) / 2 / height;
        row[offset + BOX + 2] = (d.x2() - d.x1()) / width;
        row[offset + BOX + 3] = (d.y2() - d.y1()) / height;
        row[offset + AREA] = d.area() / ((float) width * height);
        row[offset + SCORE] = d.score();
        for (Relation r : relations) {
            if (r.subjectIndex() == index) {
                row[offset + AS_SUBJECT + r.predicate().ordinal()]++;
            } else if (r.objectIndex() == index) {
                row[offset + AS_OBJECT + r.predicate().ordinal()]++;
            }
        }
    }
}
