package org.omnisila.engine.vision;

/**
 * One object CenterNet found, in the pixels of the image it was given.
 *
 * @param x1 left edge
 * @param y1 top edge
 * @param x2 right edge
 * @param y2 bottom edge
 * @param score the class heat-map's peak, 0..1
 * @param classIndex 0..79, the COCO class
 * @param label the COCO class name, e.g. {@code person}
 */
public record Detection(float x1, float y1, float x2, float y2, float score, int classIndex, String label) {

    /** @return the box's area (0 for an empty box) */
    public float area() {
        return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
    }

    /**
     * Intersection over union, 0 when either box is empty (as TF.js's non-maximum suppression has it).
     *
     * @param other another box
     * @return 0..1
     */
    public float iou(Detection other) {
        float a = area();
        float b = other.area();
        if (a <= 0 || b <= 0) {
            return 0;
        }
        float w = Math.max(0, Math.min(x2, other.x2) - Math.max(x1, other.x1));
        float h = Math.max(0, Math.min(y2, other.y2) - Math.max(y1, other.y1));
        float intersection = w * h;
        return intersection / (a + b - intersection);
    }
}
