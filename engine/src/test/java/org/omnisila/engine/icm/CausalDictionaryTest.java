package org.omnisila.engine.icm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The dictionary: prior from cluster sizes, expectation, and the safetensors round trip by name. */
class CausalDictionaryTest {

    private static final float[][] CENTRES = {{0.5f, -1.25f, 3f}, {2f, 4f, -0.125f}, {1e-3f, 7f, 1e3f}};
    private static final float[] PRIOR = {0.25f, 0.5f, 0.25f};

    @Test
    void safetensorsRoundTripGivesIdenticalArrays() {
        CausalDictionary dictionary = new CausalDictionary(CENTRES, PRIOR);
        CausalDictionary back = CausalDictionary.decode(dictionary.encode());
        assertArrayEquals(CENTRES, back.centres());
        assertArrayEquals(PRIOR, back.prior());

        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDList list = NDList.decode(manager, dictionary.encode());
            NDArray centres = list.get(CausalDictionary.CENTRES);
            assertArrayEquals(new long[] {3, 3}, centres.getShape().getShape());
            assertArrayEquals(AttentionReference.flat(CENTRES), centres.toFloatArray());
            NDList reversed = new NDList(list.get(CausalDictionary.PRIOR), centres); // order must not matter
            assertArrayEquals(CENTRES, CausalDictionary.fromNDList(reversed).centres());
        }
    }

    @Test
    void priorIsClusterSizesOverNAndExpectationIsPriorWeighted() {
        float[][] points = {{0, 0}, {0, 0.2f}, {0, -0.2f}, {10, 10}};
        CausalDictionary dictionary = CausalDictionary.build(points, KMeans.builder().optClusters(2).build());
        assertEquals(2, dictionary.size());
        assertEquals(2, dictionary.dim());
        float[] prior = dictionary.prior();
        float[][] centres = dictionary.centres();
        int big = prior[0] > prior[1] ? 0 : 1;
        assertEquals(0.75f, prior[big], 1e-6f);
        assertEquals(0.25f, prior[1 - big], 1e-6f);
        assertArrayEquals(new float[] {0, 0}, centres[big], 1e-6f);
        // E[c] = 0.75 (0, 0) + 0.25 (10, 10)
        assertArrayEquals(new float[] {2.5f, 2.5f}, dictionary.expectation(), 1e-6f);
    }

    @Test
    void invalidPriorOrMissingArrayIsRefusedWithTheValue() {
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> new CausalDictionary(CENTRES, new float[] {0.5f, 0.5f, 0.5f}));
        assertTrue(sum.getMessage().contains("sums to 1.5"), sum.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new CausalDictionary(CENTRES, new float[] {0f, 0.5f, 0.5f}));
        assertTrue(zero.getMessage().contains("prior[0]"), zero.getMessage());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray only = manager.create(PRIOR);
            only.setName(CausalDictionary.PRIOR);
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> CausalDictionary.fromNDList(new NDList(only)));
            assertTrue(missing.getMessage().contains(CausalDictionary.CENTRES), missing.getMessage());
        }
    }
}
