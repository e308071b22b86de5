package org.omnisila.engine.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding of raw BlazeFace outputs and the two suppressions, on hand-made tensors. */
class BlazeFaceDecoderTest {

    @Test
    void decodesOneAnchorRelativeToItsCentre() {
        float[] reg = new float[896 * 16];
        float[] scores = new float[896];
        Arrays.fill(scores, -10); // sigmoid 0.00005: below 0.5
        int i = 512; // first stride-16 anchor, centre (1/16, 1/16)
        scores[i] = 2; // sigmoid 0.881
        reg[i * 16] = 12.8f; // +0.1
        reg[i * 16 + 1] = -6.4f; // -0.05
        reg[i * 16 + 2] = 32; // w 0.25
        reg[i * 16 + 3] = 64; // h 0.5
        reg[i * 16 + 4] = 0; // right eye at the anchor
        List<FaceDetection> faces = new BlazeFaceDecoder().decode(reg, scores, false);
        assertEquals(1, faces.size());
        FaceDetection f = faces.get(0);
        assertEquals(0.0625f + 0.1f - 0.125f, f.x1(), 1e-6f);
        assertEquals(0.0625f - 0.05f + 0.25f, f.y2(), 1e-6f);
        assertEquals(0.8808f, f.score(), 1e-4f);
        assertEquals(0.0625f, f.keypoints()[0], 1e-6f);
        assertEquals(12, f.keypoints().length);
    }

    @Test
    void plainSuppressionKeepsTheBestWeightedAveragesTheCluster() {
        FaceDetection a = new FaceDetection(0, 0, 10, 10, 0.9f, new float[] {5, 5});
        FaceDetection b = new FaceDetection(2, 0, 12, 10, 0.6f, new float[] {7, 5}); // IoU 0.667 with a
        FaceDetection c = new FaceDetection(50, 50, 60, 60, 0.7f, new float[] {55, 55});
        List<FaceDetection> plain = BlazeFaceDecoder.suppress(List.of(b, c, a), 0.3f, false);
        assertEquals(List.of(a, c), plain);
        List<FaceDetection> weighted = BlazeFaceDecoder.suppress(List.of(b, c, a), 0.3f, true);
        assertEquals(2, weighted.size());
        assertEquals((0.9f * 0 + 0.6f * 2) / 1.5f, weighted.get(0).x1(), 1e-6f);
        assertEquals((0.9f * 5 + 0.6f * 7) / 1.5f, weighted.get(0).keypoints()[0], 1e-5f);
        assertEquals(0.9f, weighted.get(0).score());
        assertTrue(weighted.get(1).iou(c) > 0.999f);
    }
}
