package org.omnisila.engine.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.tfjs.BundledGraphs;
import org.omnisila.engine.tfjs.TfjsReference;

/**
 * Real faces from face-api's sample1.jpg (see tfjs/reference/README.md): our preparation and model give
 * TF.js's probabilities to 1e-4, and the smiling face is happy.
 */
class ExpressionModelTest {

    // Shares the test JVM's emotion graph; never closed here.
    private final ExpressionModel model = new ExpressionModel(BundledGraphs.emotion());

    private static float[] tfjs(String face) {
        JsonNode c = TfjsReference.fixture("emotion.json").get("cases").get(face);
        return TfjsReference.floats(c.get("outputs").get("Identity").get("values"));
    }

    /** Asserts TF.js's probabilities to 1e-4 and prints the largest difference. */
    private static void assertTfjs(String face, Expression e) {
        float[] want = tfjs(face);
        float[] got = e.probabilities();
        float worst = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs(want[i] - got[i]));
        }
        System.out.printf("%s: largest difference from TF.js %.3g%n", face, worst);
        assertArrayEquals(want, got, 1e-4f);
    }

    private static NDArray face(NDManager m, String face) {
        return RgbArrays.fromRgb(m, 128, 128, TfjsReference.bytes("sample1-" + face + "-128x128.rgb"));
    }

    @Test
    void smilingFaceIsHappyAsInTfjs() {
        try (NDManager m = NDManager.newBaseManager()) {
            Expression e = model.classify(face(m, "face-happy"));
            assertEquals("happy", e.label());
            assertTfjs("face-happy", e);
            assertEquals(0.875f, e.probability("happy"), 1e-3f);
        }
    }

    @Test
    void aBatchGivesWhatEachFaceGivesAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Expression> both = model.classify(List.of(face(m, "face-lowered"), face(m, "face-happy")));
            assertTfjs("face-lowered", both.get(0));
            assertTfjs("face-happy", both.get(1));
            assertEquals(0.151f, both.get(0).probability("sad"), 1e-3f);
        }
    }

    @Test
    void preparationIsGreyScaledToMinusOneToOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            // A pure red 10x20 image: grey 0.2989 everywhere, (0.2989 - 0.5) * 2 = -0.4022.
            byte[] red = new byte[10 * 20 * 3];
            for (int i = 0; i < red.length; i += 3) {
                red[i] = (byte) 255;
            }
            NDArray x = ExpressionModel.prepare(RgbArrays.fromRgb(m, 10, 20, red));
            assertEquals(new Shape(64, 64, 1), x.getShape());
            float[] v = x.toFloatArray();
            assertEquals(-0.4022f, v[0], 1e-6f);
            assertEquals(-0.4022f, v[v.length - 1], 1e-6f);
        }
    }

    @Test
    void imagesMustBeHeightWidthThree() {
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.classify(m.zeros(new Shape(64, 64, 1))));
            assertEquals("an RGB image must be [height, width, 3], got (64, 64, 1)", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> RgbArrays.fromRgb(m, 2, 2, new byte[11]));
        }
    }
}
