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
 * CenterNet against TF.js 4.22.0's outputs for a formula pattern and a real photo: the [1,100,6]
 * detections in order and class, and probes (every k-th value) of the heatmap, the box sizes and two
 * inner nodes (a squeeze-excite product in the backbone, an upsampling ResizeBilinear in the head).
 */
class CenterNetGraphTest {

    private static final List<String> PROBED = List.of("tower_0/keypoints", "tower_0/wh",
            "tower_0/MobilenetV3/expanded_conv_3/squeeze_excite/mul",
            "tower_0/CenternetHead/c3_upsample/up_sampling2d_2/ResizeBilinear");

    @Test
    void graphUsesTheExpectedOps() {
        Set<String> ops = BundledGraphs.centernet().opTypes();
        assertEquals(26, ops.size(), ops.toString());
        assertTrue(ops.containsAll(Set.of("_FusedConv2D", "FusedDepthwiseConv2dNative", "ResizeBilinear", "TopKV2",
                "GatherV2", "StridedSlice")), ops.toString());
        assertEquals(List.of("tower_0/wh", "tower_0/keypoints", "tower_0/detections"),
                BundledGraphs.centernet().outputNames());
    }

    @Test
    void patternMatchesTfjs() {
        check("pattern", TfjsReference.centernetPattern());
    }

    @Test
    void photoMatchesTfjs() {
        byte[] rgb = TfjsReference.bytes("sample1-512x512.rgb.gz");
        float[] x = new float[rgb.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = rgb[i] & 0xff;
        }
        check("photo", x);
    }

    private static void check(String name, float[] input) {
        JsonNode expected = TfjsReference.fixture("centernet.json").get("cases").get(name).get("outputs");
        List<String> wanted = new ArrayList<>(List.of("tower_0/detections"));
        wanted.addAll(PROBED);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(input, new Shape(1, 512, 512, 3));
            NDList out = BundledGraphs.centernet().execute(m, Map.of("tower_0/images", x), wanted);
            Detections.assertSameDetections(expected.get("tower_0/detections"), out.get(0));
            for (int k = 0; k < PROBED.size(); k++) {
                assertProbeMatches(PROBED.get(k), expected.get(PROBED.get(k)), out.get(k + 1));
            }
        }
    }

    private static void assertProbeMatches(String node, JsonNode probe, NDArray actual) {
        long[] shape = new long[probe.get("shape").size()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = probe.get("shape").get(d).asLong();
        }
        assertEquals(new Shape(shape), actual.getShape(), node);
        int stride = probe.get("stride").asInt();
        float[] all = actual.toFloatArray();
        float[] want = TfjsReference.floats(probe.get("values"));
        float worst = 0;
        for (int i = 0; i < want.length; i++) {
            float got = all[i * stride];
            worst = Math.max(worst, Math.abs(got - want[i]) / Math.max(1, Math.abs(want[i])));
        }
        System.out.printf("%s: largest difference %.3g over %d probed values%n", node, worst, want.length);
        assertTrue(worst <= EmotionGraphTest.TOLERANCE, node + ": largest difference " + worst);
    }
}
