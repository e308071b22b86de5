package org.omnisila.engine.llm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.llm.text.ParsedAnswer.Span;

/** Answers in many wordings to labels, spans and attributions; garbage to an empty parse with the raw text. */
class AnswerParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "The implicit visual sentiment is Fighting.|implicit|Fighting",
        "the implicit visual sentiment is fighting|implicit|Fighting",
        "THE IMPLICIT VISUAL SENTIMENT IS ANIMALS HURTING PEOPLE.|implicit|Animals Hurting People",
        "The explicit visual sentiment is negative|explicit|negative",
        "The explicit sentiment was Neutral, as the face shows.|explicit|neutral",
        "Sentiment: positive|explicit|positive",
        "The visual sentiment is \"Traffic Accidents\" from 3s to 9s.|implicit|Traffic Accidents",
        "The implicit visual sentiment is a Robbery in the shop.|implicit|Robbery",
        "The implicit visual sentiment is Forbidden to Burn between 2 and 5 seconds.|implicit|Forbidden to Burn",
        "The sentiment is Water Incidents</s>|implicit|Water Incidents",
        "In this video a Fire breaks out near the road.|implicit|Fire",
        "The explicit visual sentiment is p.|explicit|positive",
    })
    void readsTheLabel(String answer, String kind, String label) {
        ParsedAnswer a = AnswerParser.parse(answer);
        assertEquals(label, a.label(), answer);
        assertEquals(kind, a.kind(), answer);
        assertTrue(a.knownLabel(), answer);
        assertEquals(List.of(), a.warnings(), answer);
        assertEquals(answer, a.raw());
    }

    @Test
    void anUnknownLabelIsKeptWithAWarning() {
        ParsedAnswer a = AnswerParser.parse("The implicit visual sentiment is Jaywalking, from 1s to 2s.");
        assertEquals("Jaywalking", a.label());
        assertEquals("implicit", a.kind());
        assertFalse(a.knownLabel());
        assertEquals(1, a.warnings().size());
        assertTrue(a.warnings().get(0).contains("\"Jaywalking\" is none of the known labels"), a.warnings().get(0));
        assertEquals(List.of(new Span(1, 2)), a.spans());
        assertEquals("Jaywalking", a.located(0.5).get(0).label());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "The sentiment occurs from 4s to 18s.|4|18",
        "from 4.5 s to 18 s|4.5|18",
        "It happens from 4 to 18 seconds.|4|18",
        "It happens between 4 and 18 seconds.|4|18",
        "Between 4s and 18s|4|18",
        "FROM 4 SECONDS TO 18 SECONDS|4|18",
        "the span 4s-18s|4|18",
        "from 4s until 18.25s|4|18.25",
        "from 00:04 to 01:02.5|4|62.5",
        "from 4 - 18 s|4|18",
    })
    void readsASpan(String answer, double start, double end) {
        ParsedAnswer a = AnswerParser.parse(answer);
        assertEquals(List.of(new Span(start, end)), a.spans(), answer);
        assertEquals(List.of(), a.warnings(), answer);
    }

    @Test
    void readsSeveralSpansInOrder() {
        ParsedAnswer a = AnswerParser.parse("The implicit visual sentiment is Vandalism from 2s to 5s and again "
                + "between 30 and 41.5 seconds, and 50s-52s.");
        assertEquals(List.of(new Span(2, 5), new Span(30, 41.5), new Span(50, 52)), a.spans());
        List<LocatedSentiment> located = a.located(0.8);
        assertEquals(3, located.size());
        assertEquals(new LocatedSentiment(30, 41.5, "Vandalism", 0.8, null), located.get(1));
    }

    @Test
    void spansPastTheVideoAreClippedOrDroppedWithWarnings() {
        ParsedAnswer a = AnswerParser.parse("Fighting from 4s to 18s, from 12s to 40s and from 35s to 50s.", 30);
        assertEquals(List.of(new Span(4, 18), new Span(12, 30)), a.spans());
        assertEquals(2, a.warnings().size(), a.warnings().toString());
        assertTrue(a.warnings().get(0).contains("clipped to 30.0 s"), a.warnings().get(0));
        assertTrue(a.warnings().get(1).contains("left out"), a.warnings().get(1));
    }

    @Test
    void aReversedSpanIsTurnedRound() {
        ParsedAnswer a = AnswerParser.parse("from 18s to 4s");
        assertEquals(List.of(new Span(4, 18)), a.spans());
        assertTrue(a.warnings().get(0).contains("ends before it starts"), a.warnings().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "The attribution is that two men push and hit each other.|that two men push and hit each other.",
        "Attribution: a car hits a cyclist.</s>|a car hits a cyclist.",
        "The reason was the smoke rising from a bin.|the smoke rising from a bin.",
    })
    void readsTheAttribution(String answer, String attribution) {
        assertEquals(attribution, AnswerParser.parse(answer).attribution());
    }

    @Test
    void aFullAnswerGivesLocatedSentiments() {
        String answer = "The implicit visual sentiment is Fighting, from 4s to 18s. The attribution is that two men "
                + "in the street push and punch each other.</s>";
        ParsedAnswer a = AnswerParser.parse(answer, 60);
        assertEquals(List.of(new LocatedSentiment(4, 18, "Fighting", 1, "that two men in the street push and punch "
                + "each other.")), a.located(1));
        assertEquals(answer, a.raw());
        assertFalse(a.isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "I cannot tell.",
        "asdf qwer 1234 !!",
        "''",
        "The video shows a street at night.",
        "</s>",
    })
    void garbageGivesAnEmptyParseWithTheRawText(String answer) {
        ParsedAnswer a = AnswerParser.parse(answer);
        assertTrue(a.isEmpty(), answer);
        assertNull(a.kind());
        assertEquals(answer, a.raw());
        assertEquals(List.of(), a.located(1));
        assertEquals(List.of(), a.warnings());
    }

    @Test
    void nullAndBadDurationsAreHandled() {
        assertEquals("", AnswerParser.parse(null).raw());
        assertThrows(IllegalArgumentException.class, () -> AnswerParser.parse("x", 0));
        assertThrows(IllegalArgumentException.class, () -> AnswerParser.parse("x", Double.NaN));
    }

    @Test
    void severalLabelsWithoutASentimentPhraseAreNotGuessed() {
        ParsedAnswer a = AnswerParser.parse("Either Theft or Robbery, hard to say.");
        assertNull(a.label());
        assertEquals(1, a.warnings().size());
    }
}
