package org.omnisila.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingSettingsTest {
    @Test
    void anotherSeedKeepsEveryOtherSetting() {
        TrainingSettings s = new TrainingSettings(4, 2e-3f, 0.05, 1e-2f, 1, 500).withDictionaryEpochs(2);
        assertEquals(new TrainingSettings(4, 2e-3f, 0.05, 1e-2f, 9, 500, 2), s.withSeed(9));
    }

    @Test
    void theDictionaryIsRebuiltThroughItsLastEpochOnly() {
        TrainingSettings frozen = TrainingSettings.defaults(5, 1).withDictionaryEpochs(2);
        assertTrue(frozen.rebuildsDictionaryAfter(1));
        assertTrue(frozen.rebuildsDictionaryAfter(2));
        assertFalse(frozen.rebuildsDictionaryAfter(3));
        assertTrue(TrainingSettings.defaults(5, 1).rebuildsDictionaryAfter(5), "0: after every epoch");
        assertThrows(IllegalArgumentException.class, () -> TrainingSettings.defaults(5, 1).withDictionaryEpochs(-1));
    }
}
