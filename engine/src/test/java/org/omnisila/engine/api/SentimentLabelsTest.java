package org.omnisila.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SentimentLabelsTest {

    @Test
    void labelSetsAreThePapers() {
        assertEquals(3, SentimentLabels.EXPLICIT.size());
        assertEquals(12, SentimentLabels.IMPLICIT.size());
        assertEquals("Animals Hurting People", SentimentLabels.IMPLICIT.get(1));
        assertEquals("Normal", SentimentLabels.IMPLICIT.get(11));
    }

    @Test
    void canonicalNames() {
        assertEquals("positive", SentimentLabels.canonical("p"));
        assertEquals("positive", SentimentLabels.canonical("P"));
        assertEquals("negative", SentimentLabels.canonical("n"));
        assertEquals("negative", SentimentLabels.canonical("Negative"));
        assertEquals("neutral", SentimentLabels.canonical("NEUTRAL"));
        assertEquals("Fire", SentimentLabels.canonical("Fire"), "implicit labels unchanged");
        assertEquals("fire", SentimentLabels.canonical("fire"), "unknown labels unchanged");
        assertThrows(IllegalArgumentException.class, () -> SentimentLabels.canonical(null));
    }
}
