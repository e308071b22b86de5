package org.omnisila.app.workbench.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.omnisila.engine.api.Scene;

class CausalEffectSentenceTest {
    @Test
    void aPositiveEffectMeansReplacingTheSceneLowersTheProbability() {
        assertEquals("replacing the action scene by its average lowers the probability of 'negative' by 0.21",
                CausalEffectSentence.of(Scene.ACTION, 0.21, "negative"));
        assertEquals("replacing the background scene by its average raises the probability of 'Fire' by 0.04",
                CausalEffectSentence.of(Scene.BACKGROUND, -0.04, "Fire"));
        assertEquals("replacing the object scene by its average leaves the probability of 'negative' unchanged",
                CausalEffectSentence.of(Scene.OBJECT, 0.003, "negative"));
    }
}
