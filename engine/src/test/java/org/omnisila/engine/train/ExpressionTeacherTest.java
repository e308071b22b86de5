package org.omnisila.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.data.SceneSegment;
import org.omnisila.engine.data.SceneVideo;
import org.omnisila.engine.scene.FaceExtractor;

class ExpressionTeacherTest {
    // angry, disgust, fear, happy, sad, surprise, neutral
    private static final float[] HAPPY = {0, 0, 0, 0.9f, 0, 0.05f, 0.05f};
    private static final float[] SAD = {0.1f, 0, 0.1f, 0, 0.6f, 0, 0.2f};
    private static final float[] CALM = {0, 0, 0, 0.1f, 0.1f, 0.1f, 0.7f};

    @Test
    void aSmilingFaceOnEveryFrameIsPositive() {
        assertEquals("positive", ExpressionTeacher.label(frames(8, 8, HAPPY, 1f)));
    }

    @Test
    void sadnessAngerAndFearAddUpToNegative() {
        assertEquals("negative", ExpressionTeacher.label(frames(8, 8, SAD, 1f)));
    }

    @Test
    void aNeutralFaceOrTooFewFramesWithAFaceIsNeutral() {
        assertEquals("neutral", ExpressionTeacher.label(frames(8, 8, CALM, 1f)));
        assertEquals("neutral", ExpressionTeacher.label(frames(8, 3, HAPPY, 1f)), "a face on 3 of 8 frames");
        assertEquals("positive", ExpressionTeacher.label(frames(8, 4, HAPPY, 1f)), "a face on half the frames");
    }

    @Test
    void aWeakWinnerBelowTheMinimumShareStaysNeutral() {
        // happy 0.4, negative 0.35, neutral 0.25: positive leads but with 40% < 45% of the votes
        float[] mixed = {0.1f, 0.05f, 0.1f, 0.4f, 0.1f, 0.05f, 0.2f};
        assertEquals("neutral", ExpressionTeacher.label(frames(8, 8, mixed, 1f)));
    }

    @Test
    void facesVoteByTheirDetectionScore() {
        float[][] f = frames(8, 8, HAPPY, 0.2f);
        for (float[] frame : f) {
            put(frame, 1, SAD, 0.9f);
        }
        assertEquals("negative", ExpressionTeacher.label(f), "the surer sad face outweighs the smile");
    }

    @Test
    void runsOfEqualNonNeutralSegmentsBecomeEvents() {
        List<SceneSegment> s = List.of(seg(0, "neutral"), seg(2, "positive"), seg(4, "positive"), seg(6, "negative"),
                seg(8, "neutral"), seg(10, "negative"));
        assertEquals(List.of(new SceneVideo.Event(2, 6, "positive"), new SceneVideo.Event(6, 8, "negative"),
                new SceneVideo.Event(10, 12, "negative")), DistilledDataset.events(s));
    }

    private static SceneSegment seg(double start, String label) {
        return new SceneSegment(start, start + 2, label, new float[][] {{}, {}, {}, {}});
    }

    private static float[][] frames(int frames, int withFace, float[] expression, float score) {
        float[][] f = new float[frames][FaceExtractor.FACES * FaceExtractor.SLOT];
        for (int t = 0; t < withFace; t++) {
            put(f[t], 0, expression, score);
        }
        return f;
    }

    private static void put(float[] frame, int face, float[] expression, float score) {
        int o = face * FaceExtractor.SLOT;
        System.arraycopy(expression, 0, frame, o, expression.length);
        frame[o + FaceExtractor.GEOMETRY] = 0.5f;
        frame[o + FaceExtractor.GEOMETRY + 1] = 0.5f;
        frame[o + FaceExtractor.GEOMETRY + 2] = 0.2f;
        frame[o + FaceExtractor.GEOMETRY + 3] = 0.3f;
        frame[o + FaceExtractor.GEOMETRY + 4] = score;
    }
}
