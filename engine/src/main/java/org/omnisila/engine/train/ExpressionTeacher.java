package org.omnisila.engine.train;

import org.omnisila.engine.scene.FaceExtractor;

/**
 * The teacher of the embedded default model: labels a segment positive, negative or neutral from the facial
 * expression scene's own judgement (the bundled mini-Xception's probabilities in the face features), so the
 * ICM can be trained where no labelled sentiment video exists. It is a distillation of explicit sentiment only.
 *
 * <p>Valence of the 7 expressions: happy is positive; angry, disgust, fear and sad are negative; neutral and
 * surprise (arousal without a sign) are neutral. Each face of each frame votes with its probabilities weighted
 * by its detection score. A segment with a face on fewer than half its frames is neutral; otherwise the
 * strongest of the three wins, but positive or negative only with at least {@link #MIN_SHARE} of the votes.
 */
public final class ExpressionTeacher {
    /** Least share of the votes for a positive or negative label. */
    public static final double MIN_SHARE = 0.45;
    private static final int ANGRY = 0;
    private static final int DISGUST = 1;
    private static final int FEAR = 2;
    private static final int HAPPY = 3;
    private static final int SAD = 4;

    private ExpressionTeacher() {
    }

    /**
     * @param face the segment's face features, [frames][{@link FaceExtractor#FACES} x {@link FaceExtractor#SLOT}]
     * @return {@code positive}, {@code negative} or {@code neutral}
     */
    public static String label(float[][] face) {
        double positive = 0;
        double negative = 0;
        double neutral = 0;
        int framesWithFace = 0;
        for (float[] frame : face) {
            boolean any = false;
            for (int f = 0; f < FaceExtractor.FACES; f++) {
                int o = f * FaceExtractor.SLOT;
                double score = frame[o + FaceExtractor.GEOMETRY + 4];
                if (score <= 0) {
                    continue;
                }
                any = true;
                double pos = frame[o + HAPPY];
                double neg = frame[o + ANGRY] + frame[o + DISGUST] + frame[o + FEAR] + frame[o + SAD];
                positive += score * pos;
                negative += score * neg;
                neutral += score * Math.max(0, 1 - pos - neg);
            }
            framesWithFace += any ? 1 : 0;
        }
        double total = positive + negative + neutral;
        if (framesWithFace * 2 < face.length || total <= 0) {
            return "neutral";
        }
        if (positive >= negative && positive >= neutral && positive / total >= MIN_SHARE) {
            return "positive";
        }
        if (negative > positive && negative >= neutral && negative / total >= MIN_SHARE) {
            return "negative";
        }
        return "neutral";
    }
}
