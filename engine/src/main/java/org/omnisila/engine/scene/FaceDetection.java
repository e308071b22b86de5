package org.omnisila.engine.scene;

import org.omnisila.engine.api.Box;

/**
 * A face a detector found, in the pixels of the image it was given.
 *
 * @param x1        left edge
 * @param y1        top edge
 * @param x2        right edge
 * @param y2        bottom edge
 * @param score     0..1
 * @param keypoints BlazeFace's 6 points (right eye, left eye, nose tip, mouth, right ear tragion, left ear
 *                  tragion) as x, y pairs: 12 values; empty for a detector without keypoints (Haar)
 */
public record FaceDetection(float x1, float y1, float x2, float y2, float score, float[] keypoints) {

    public FaceDetection {
        keypoints = keypoints.clone();
    }

    @Override
    public float[] keypoints() {
        return keypoints.clone();
    }

    public float width() {
        return Math.max(0, x2 - x1);
    }

    public float height() {
        return Math.max(0, y2 - y1);
    }

    public float area() {
        return width() * height();
    }

    /** Intersection over union; 0 when either box is empty. */
    public float iou(FaceDetection other) {
        float w = Math.max(0, Math.min(x2, other.x2) - Math.max(x1, other.x1));
        float h = Math.max(0, Math.min(y2, other.y2) - Math.max(y1, other.y1));
        float union = area() + other.area() - w * h;
        return union <= 0 ? 0 : w * h / union;
    }

    /** @return the box as the result types have it */
    public Box box() {
        return new Box(x1, y1, Math.max(width(), 1e-3), Math.max(height(), 1e-3));
    }
}
