package org.omnisila.engine.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The emotion model (mini-Xception) against TF.js 4.22.0's own outputs for the same inputs.
 *
 * <p>Tolerance 1e-4 absolute: both sides compute in float32, but PyTorch's convolutions sum in another
 * order than TF.js's loops, so results differ in the last bits (about 1e-6 relative per layer); 1e-4 is
 * two orders above what that gives and two below any difference a wrong padding, layout or op would make.
 */
class EmotionGraphTest {

    static final float TOLERANCE = 1e-4f;
    private static final String LOGITS = "StatefulPartitionedCall/model_1/global_average_pooling2d_1/Mean";
    private static final String LAST_CONV = "StatefulPartitionedCall/model_1/conv2d_5/BiasAdd";

    @Test
    void graphUsesTheOpsModelsMdLists() {
        assertEquals(Set.of("AddV2", "Const", "DepthwiseConv2dNative", "Identity", "MaxPool", "Mean", "Placeholder",
                "Relu", "Softmax", "_FusedConv2D"), BundledGraphs.emotion().opTypes());
        assertEquals(List.of("input_1"), BundledGraphs.emotion().inputNames());
        assertEquals(List.of("Identity"), BundledGraphs.emotion().outputNames());
    }

    @Test
    void patternBatchMatchesTfjs() {
        JsonNode expected = TfjsReference.fixture("emotion.json").get("cases").get("pattern").get("outputs");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(TfjsReference.emotionPattern(), new Shape(2, 64, 64, 1));
            NDList out = BundledGraphs.emotion().execute(m, Map.of("input_1", x),
                    List.of("Identity", LOGITS, LAST_CONV));
            assertMatches(expected.get("Identity"), out.get(0));
            assertMatches(expected.get(LOGITS), out.get(1));
            assertMatches(expected.get(LAST_CONV), out.get(2));
        }
    }

    /** Asserts shape and every value within {@link #TOLERANCE}; returns the largest difference. */
    static float assertMatches(JsonNode expected, NDArray actual) {
        List<Long> shape = new ArrayList<>();
        expected.get("shape").forEach(d -> shape.add(d.asLong()));
        assertEquals(shape, toList(actual.getShape().getShape()), "shape");
        float[] want = TfjsReference.floats(expected.get("values"));
        float[] got = actual.toFloatArray();
        float worst = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs(want[i] - got[i]));
        }
        System.out.printf("%s: largest difference %.3g%n", shape, worst);
        assertTrue(worst <= TOLERANCE, "largest difference " + worst);
        return worst;
    }

    private static List<Long> toList(long[] v) {
        List<Long> out = new ArrayList<>();
        for (long x : v) {
            out.add(x);
        }
        return out;
    }
}
