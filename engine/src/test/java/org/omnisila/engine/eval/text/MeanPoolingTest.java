package org.omnisila.engine.eval.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MeanPoolingTest {

    @Test
    void meanOverMaskedTokensThenUnitLength() {
        // B = 2, T = 3, D = 2
        float[] hidden = {
            1, 2, 3, 4, 100, 100, // text 0: tokens (1,2), (3,4), padding (100,100)
            3, 4, 9, 9, 9, 9 //      text 1: token (3,4), padding, padding
        };
        long[] mask = {1, 1, 0, 1, 0, 0};

        float[][] e = MeanPooling.poolAndNormalise(hidden, mask, 2, 3, 2);

        // text 0: mean (2, 3), norm sqrt(13) -> (0.5547002, 0.8320503); padding ignored
        assertArrayEquals(new float[] {(float) (2 / Math.sqrt(13)), (float) (3 / Math.sqrt(13))}, e[0], 1e-7f);
        // text 1: mean (3, 4), norm 5 -> (0.6, 0.8)
        assertArrayEquals(new float[] {0.6f, 0.8f}, e[1], 1e-7f);
    }

    @Test
    void zeroVectorStaysZero() {
        float[][] e = MeanPooling.poolAndNormalise(new float[] {0, 0, 0}, new long[] {1}, 1, 1, 3);
        assertArrayEquals(new float[] {0, 0, 0}, e[0]);
    }

    @Test
    void wrongSizesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> MeanPooling.poolAndNormalise(new float[5], new long[2], 1, 2, 3));
    }
}
