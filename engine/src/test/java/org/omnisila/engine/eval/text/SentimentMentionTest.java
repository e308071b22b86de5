package org.omnisila.engine.eval.text;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SentimentMentionTest {

    private static final SentimentMention EXPLICIT =
            new SentimentMention(List.of("positive", "negative", "neutral"));
    private static final SentimentMention IMPLICIT = new SentimentMention(List.of(
            "Fighting", "Animals Hurting People", "Water Incidents", "Vandalism", "Traffic Accidents",
            "Robbery", "Theft", "Traffic Violations", "Fire", "Pedestrian Incidents", "Forbidden to Burn",
            "Normal"));

    @Test
    void findsTheOneLabelStatedIgnoringCase() {
        assertEquals(Optional.of("positive"), EXPLICIT.find("The man smiles broadly, so the sentiment is POSITIVE."));
        assertEquals(Optional.of("neutral"), EXPLICIT.find("Neutral: nobody reacts."));
    }

    @Test
    void repeatingTheSameLabelIsNotAmbiguous() {
        assertEquals(Optional.of("negative"), EXPLICIT.find("negative faces, a negative scene"));
    }

    @Test
    void twoDifferentLabelsAreAmbiguous() {
        assertEquals(Optional.empty(), EXPLICIT.find("positive at first, then negative"));
        assertEquals(Optional.empty(), IMPLICIT.find("Robbery or Theft: a bag is taken"));
    }

    @Test
    void noLabelGivesEmpty() {
        assertEquals(Optional.empty(), EXPLICIT.find("a woman walks her dog"));
        assertEquals(Optional.empty(), EXPLICIT.find(""));
        assertEquals(Optional.empty(), EXPLICIT.find(null));
    }

    @Test
    void onlyWholeWordsCount() {
        assertEquals(Optional.empty(), EXPLICIT.find("the result was positively surprising"));
        // Single letters are not aliases.
        assertEquals(Optional.empty(), EXPLICIT.find("sentiment: p"));
        assertEquals(Optional.empty(), EXPLICIT.find("n"));
        // "abnormal" does not contain the word "Normal".
        assertEquals(Optional.of("Robbery"), IMPLICIT.find("abnormal behaviour ends in a robbery"));
    }

    @Test
    void multiWordLabelsMatchAcrossAnyWhitespaceButNotSingulars() {
        assertEquals(Optional.of("Traffic Accidents"), IMPLICIT.find("Two cars collide: traffic accidents."));
        assertEquals(Optional.of("Animals Hurting People"), IMPLICIT.find("a dog bites a child (animals\nhurting   people)"));
        assertEquals(Optional.of("Forbidden to Burn"), IMPLICIT.find("Someone burns leaves where it is forbidden to burn."));
        assertEquals(Optional.empty(), IMPLICIT.find("a traffic accident at the crossing"));
    }

    @Test
    void negationIsNotUnderstood() {
        // Documented limitation: the label is stated even when negated.
        assertEquals(Optional.of("negative"), EXPLICIT.find("this is not negative"));
    }

    @Test
    void aLabelInsideALongerLabelCountsForTheLongerOne() {
        SentimentMention nested = new SentimentMention(List.of("Theft", "Car Theft"));
        assertEquals(Optional.of("Car Theft"), nested.find("a car theft at night"));
        assertEquals(Optional.of("Theft"), nested.find("a theft at night"));
        assertEquals(Optional.empty(), nested.find("a car theft, then a theft of a bag"));
    }

    @Test
    void labelsMustBeDistinctAndNonBlank() {
        assertThrows(IllegalArgumentException.class, () -> new SentimentMention(List.of("Fire", "fire")));
        assertThrows(IllegalArgumentException.class, () -> new SentimentMention(List.of("Fire", " ")));
        assertThrows(IllegalArgumentException.class, () -> new SentimentMention(List.of()));
    }
}
