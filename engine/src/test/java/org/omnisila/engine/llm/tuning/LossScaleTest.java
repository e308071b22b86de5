package org.omnisila.engine.llm.tuning;

import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GradScaler's defaults: 2^16, halve on overflow, double after 2,000 finite steps in a row. */
class LossScaleTest {

    @Test
    void float16ScalesDynamically() {
        LossScale s = LossScale.forActivations(DataType.FLOAT16);
        assertTrue(s.dynamic());
        assertEquals(65536.0, s.value());
        s.update(false);
        assertEquals(32768.0, s.value());
        for (int i = 0; i < 1999; i++) {
            s.update(true);
        }
        assertEquals(32768.0, s.value(), "grows only after 2,000 finite steps in a row");
        s.update(false); // resets the count
        assertEquals(16384.0, s.value());
        for (int i = 0; i < 1999; i++) {
            s.update(true);
        }
        assertEquals(16384.0, s.value());
        s.update(true);
        assertEquals(32768.0, s.value());
    }

    @Test
    void float32AndBfloat16AreNotScaled() {
        for (DataType t : new DataType[] {DataType.FLOAT32, DataType.BFLOAT16}) {
            LossScale s = LossScale.forActivations(t);
            assertFalse(s.dynamic());
            s.update(false);
            s.update(true);
            assertEquals(1.0, s.value(), t.toString());
        }
    }
}
