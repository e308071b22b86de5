package org.omnisila.engine.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;

/** Compares CenterNet's [1,100,6] detections (x1, y1, x2, y2, score, class) with a TF.js fixture. */
final class Detections {

    /** Scores this close are a tie that float rounding may order either way. */
    static final float TIE = 1e-4f;

    private Detections() {
    }

    /**
     * Same rows in the same order: class equal, score within 1e-4, box corners within 1e-4 relative (they
     * are pixels up to 512). Two rows whose TF.js scores differ by less than {@link #TIE} may be swapped.
     */
    static void assertSameDetections(JsonNode expected, NDArray actual) {
        assertEquals("[1, 100, 6]", expected.get("shape").toString().replace(",", ", "));
        float[] want = TfjsReference.floats(expected.get("values"));
        float[] got = actual.toFloatArray();
        assertEquals(want.length, got.length);
        int rows = want.length / 6;
        float worst = 0;
        for (int i = 0; i < rows; i++) {
            int match = i;
            if (!sameRow(want, i, got, i)) {
                match = -1;
                for (int j = Math.max(0, i - 2); j < Math.min(rows, i + 3); j++) {
                    if (Math.abs(want[i * 6 + 4] - want[j * 6 + 4]) < TIE && sameRow(want, i, got, j)) {
                        match = j;
                    }
                }
            }
            final int row = i;
            final int at = match;
            assertTrue(at >= 0, () -> "detection " + row + ": TF.js " + row(want, row) + ", ours " + row(got, row));
            for (int c = 0; c < 6; c++) {
                worst = Math.max(worst, Math.abs(want[i * 6 + c] - got[at * 6 + c])
                        / Math.max(1, Math.abs(want[i * 6 + c])));
            }
        }
        System.out.printf("detections: largest difference %.3g (relative above 1)%n", worst);
    }

    private static boolean sameRow(float[] want, int i, float[] got, int j) {
        if (want[i * 6 + 5] != got[j * 6 + 5]) {
            return false;
        }
        for (int c = 0; c < 5; c++) {
            float w = want[i * 6 + c];
            if (Math.abs(w - got[j * 6 + c]) > EmotionGraphTest.TOLERANCE * Math.max(1, Math.abs(w))) {
                return false;
            }
        }
        return true;
    }

    private static String row(float[] v, int i) {
        return java.util.Arrays.toString(java.util.Arrays.copyOfRange(v, i * 6, i * 6 + 6));
    }
}
