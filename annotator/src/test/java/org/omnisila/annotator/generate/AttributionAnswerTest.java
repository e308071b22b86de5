package org.omnisila.annotator.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.omnisila.annotator.project.Aspects;

/** Reading the model's answer: fences and prose tolerated, every field required, labels checked. */
class AttributionAnswerTest {

    private static final String OBJECT = "{\"face\": \"A man frowns.\", \"action\": \"He shouts.\", \"object\":"
            + " \"man - holds - placard\", \"background\": \"A street.\", \"summary\": \"Anger at the police.\","
            + " \"sentiment\": \"Negative\"}";

    @Test
    void readsThePlainObject() {
        AttributionAnswer a = AttributionAnswer.parse(OBJECT, AttributionPrompt.ALL_LABELS);

        assertEquals(new Aspects("A man frowns.", "He shouts.", "man - holds - placard", "A street."), a.aspects());
        assertEquals("Anger at the police.", a.summary());
        assertEquals("negative", a.sentiment(), "the label as the prompt spells it");
    }

    @Test
    void toleratesAFenceAndProseAround() {
        String fenced = "Sure! Here is the attribution:\n```json\n" + OBJECT + "\n```\nLet me know if you need more.";

        assertEquals("negative", AttributionAnswer.parse(fenced, AttributionPrompt.ALL_LABELS).sentiment());
    }

    @Test
    void acceptsTsl300ShortLabelsAndImplicitClassesInAnyCase() {
        assertEquals("negative", AttributionAnswer.parse(OBJECT.replace("Negative", "n"),
                AttributionPrompt.EXPLICIT).sentiment());
        assertEquals("Traffic Accidents", AttributionAnswer.parse(OBJECT.replace("Negative", "traffic accidents"),
                AttributionPrompt.IMPLICIT).sentiment());
    }

    @Test
    void aMissingFieldIsNamedAndTheAnswerQuoted() {
        String missing = OBJECT.replace(", \"background\": \"A street.\"", "");

        VlmException e = assertThrows(VlmException.class,
                () -> AttributionAnswer.parse(missing, AttributionPrompt.ALL_LABELS));

        assertFalse(e.fatal());
        assertTrue(e.getMessage().startsWith("the model's answer lacks the field \"background\"; the answer starts"
                + " with \"{\"face\": \"A man frowns.\""), e.getMessage());
    }

    @Test
    void proseWithoutJsonIsQuoted() {
        VlmException e = assertThrows(VlmException.class, () -> AttributionAnswer.parse(
                "I'm sorry, but I can't help with identifying people in images.", AttributionPrompt.ALL_LABELS));

        assertEquals("the model did not answer with a JSON object; the answer starts with \"I'm sorry, but I can't"
                + " help with identifying people in images.\"", e.getMessage());
    }

    @Test
    void brokenJsonAndWrongTypesAndUnknownLabelsAreRefused() {
        assertTrue(assertThrows(VlmException.class, () -> AttributionAnswer.parse("{\"face\": \"a\",,}",
                AttributionPrompt.ALL_LABELS)).getMessage().startsWith("the model's answer is not valid JSON"));
        assertTrue(assertThrows(VlmException.class, () -> AttributionAnswer.parse(OBJECT.replace(
                "\"He shouts.\"", "[\"He shouts.\"]"), AttributionPrompt.ALL_LABELS)).getMessage()
                .startsWith("the field \"action\" of the model's answer is not a text"));
        String message = assertThrows(VlmException.class, () -> AttributionAnswer.parse(OBJECT.replace("Negative",
                "angry"), AttributionPrompt.EXPLICIT)).getMessage();
        assertTrue(message.startsWith("the model's sentiment \"angry\" is not one of the allowed labels (positive,"
                + " negative, neutral)"), message);
    }

    @Test
    void aLongAnswerIsQuotedShort() {
        String longProse = "x".repeat(500);

        String message = assertThrows(VlmException.class, () -> AttributionAnswer.parse(longProse,
                AttributionPrompt.ALL_LABELS)).getMessage();

        assertTrue(message.endsWith("x".repeat(AttributionAnswer.QUOTED) + "...\""), message);
    }

    @Test
    void thePromptAsksForTheFourAspectsAsJsonWithTheAllowedLabels() {
        String system = AttributionPrompt.EXPLICIT.system();
        for (String part : new String[] {"facial expressions", "what the people do", "objects",
            "the setting", "summary", "\"face\"", "\"action\"", "\"object\"", "\"background\"", "\"summary\"",
            "\"sentiment\"", "exactly one of: positive, negative, neutral."}) {
            assertTrue(system.contains(part), part);
        }
        assertTrue(AttributionPrompt.ALL_LABELS.system().contains("Fighting, Animals Hurting People"));
        assertEquals("These are 8 frames, evenly spaced, of the segment from 4.00 s to 6.00 s of a video. Attribute"
                + " its visual sentiment from the four scene aspects and answer with the JSON object.",
                AttributionPrompt.EXPLICIT.user(4, 6, 8, null));
        assertTrue(AttributionPrompt.EXPLICIT.user(4, 6, 8, "negative")
                .contains("An annotator labelled this segment \"negative\""));
        assertThrows(IllegalArgumentException.class, () -> new AttributionPrompt(java.util.List.of("p")));
    }
}
