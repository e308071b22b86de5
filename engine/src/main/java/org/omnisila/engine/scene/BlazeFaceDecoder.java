package org.omnisila.engine.scene;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * BlazeFace short range's raw outputs to faces, as MediaPipe's {@code TensorsToDetectionsCalculator} and
 * {@code NonMaxSuppressionCalculator} do it in {@code face_detection_short_range}: per anchor, score =
 * sigmoid(clip(logit, -100, 100)) kept when at least 0.5; the 16 regressor values are (x centre, y centre,
 * w, h, then 6 keypoints x, y) in input pixels relative to the anchor, divided by 128 (x, y, w, h scales);
 * then weighted non-maximum suppression at IoU 0.3.
 *
 * <p>Coordinates come out in 0..1 of the square model input; {@link SquareRegion} maps them back.
 */
public final class BlazeFaceDecoder {

    /** Model input side, and the x, y, w, h scales of the decoder. */
    public static final int SIZE = 128;
    /** Values per anchor in the regressors. */
    public static final int COORDS = 16;
    /** Keypoints per face. */
    public static final int KEYPOINTS = 6;
    /** MediaPipe's min_score_thresh. */
    public static final float MIN_SCORE = 0.5f;
    /** MediaPipe's min_suppression_threshold. */
    public static final float NMS_IOU = 0.3f;
    private static final float SCORE_CLIP = 100;

    private final float[][] anchors;

    public BlazeFaceDecoder() {
        this.anchors = SsdAnchors.faceShortRange();
    }

    /**
     * @param regressors [896, 16] flattened
     * @param scores     [896] logits
     * @param weighted   weighted suppression (MediaPipe's) or plain
     * @return faces in 0..1 input coordinates, best first
     */
    public List<FaceDetection> decode(float[] regressors, float[] scores, boolean weighted) {
        if (scores.length != anchors.length || regressors.length != anchors.length * COORDS) {
            throw new IllegalArgumentException("BlazeFace short range gives " + anchors.length + " scores and "
                    + anchors.length * COORDS + " regressor values, got " + scores.length + " and "
                    + regressors.length);
        }
        List<FaceDetection> candidates = new ArrayList<>();
        for (int i = 0; i < anchors.length; i++) {
            float logit = Math.max(-SCORE_CLIP, Math.min(SCORE_CLIP, scores[i]));
            float score = OpenCvImages.sigmoid(logit);
            if (score < MIN_SCORE) {
                continue;
            }
            int o = i * COORDS;
            float cx = regressors[o] / SIZE + anchors[i][0];
            float cy = regressors[o + 1] / SIZE + anchors[i][1];
            float w = regressors[o + 2] / SIZE;
            float h = regressors[o + 3] / SIZE;
            float[] keypoints = new float[KEYPOINTS * 2];
            for (int k = 0; k < KEYPOINTS; k++) {
                keypoints[2 * k] = regressors[o + 4 + 2 * k] / SIZE + anchors[i][0];
                keypoints[2 * k + 1] = regressors[o + 5 + 2 * k] / SIZE + anchors[i][1];
            }
            candidates.add(new FaceDetection(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, score, keypoints));
        }
        return suppress(candidates, NMS_IOU, weighted);
    }

    /**
     * Non-maximum suppression, best score first. Plain: a face overlapping a kept one by more than the
     * threshold is dropped. Weighted (MediaPipe's WEIGHTED algorithm): the best face and all that overlap it
     * by more than the threshold are merged into one whose box and keypoints are their score-weighted mean and
     * whose score is the best one's.
     *
     * @param faces     candidates
     * @param iou       overlap threshold
     * @param weighted  which algorithm
     * @return the kept faces, best first
     */
    public static List<FaceDetection> suppress(List<FaceDetection> faces, float iou, boolean weighted) {
        List<FaceDetection> remaining = new ArrayList<>(faces);
        remaining.sort(Comparator.comparingDouble(FaceDetection::score).reversed());
        List<FaceDetection> kept = new ArrayList<>();
        while (!remaining.isEmpty()) {
            FaceDetection best = remaining.get(0);
            List<FaceDetection> cluster = new ArrayList<>();
            List<FaceDetection> rest = new ArrayList<>();
            for (FaceDetection f : remaining) {
                (f == best || f.iou(best) > iou ? cluster : rest).add(f);
            }
            kept.add(weighted ? merge(best, cluster) : best);
            remaining = rest;
        }
        return kept;
    }

    private static FaceDetection merge(FaceDetection best, List<FaceDetection> cluster) {
        float total = 0;
        float[] box = new float[4];
        float[] keypoints = new float[best.keypoints().length];
        for (FaceDetection f : cluster) {
            float w = f.score();
            total += w;
            box[0] += w * f.x1();
            box[1] += w * f.y1();
            box[2] += w * f.x2();
            box[3] += w * f.y2();
            float[] k = f.keypoints();
            for (int i = 0; i < keypoints.length && i < k.length; i++) {
                keypoints[i] += w * k[i];
            }
        }
        for (int i = 0; i < keypoints.length; i++) {
            keypoints[i] /= total;
        }
        return new FaceDetection(box[0] / total, box[1] / total, box[2] / total, box[3] / total, best.score(),
                keypoints);
    }
}
