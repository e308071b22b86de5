package org.omnisila.annotator.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.omnisila.engine.api.Scene;

class InstructionTemplatesTest {

    @Test
    void secondsAreRoundedToATenthHalfUpWithoutATrailingZero() {
        assertEquals("4", InstructionTemplates.seconds(4.0));
        assertEquals("4.3", InstructionTemplates.seconds(4.25));
        assertEquals("4.2", InstructionTemplates.seconds(4.249));
        assertEquals("18", InstructionTemplates.seconds(18.04));
        assertEquals("20", InstructionTemplates.seconds(19.96));
        assertEquals("0", InstructionTemplates.seconds(-0.0));
        assertEquals("0", InstructionTemplates.seconds(0.04));
        assertEquals("0.1", InstructionTemplates.seconds(0.05));
        assertEquals("123.5", InstructionTemplates.seconds(123.45));
    }

    @Test
    void theWordingFollowsThePaper() {
        assertEquals("Please describe the facial expression.", InstructionTemplates.describe(Scene.FACE));
        assertEquals("Please describe the image region.", InstructionTemplates.describe(Scene.OBJECT));
        assertEquals("You will be presented with a video. After watching the video, please identify the implicit"
                + " visual sentiment in the video.", InstructionTemplates.identifyQuestion("Fighting"));
        assertEquals("The implicit visual sentiment is Fighting.", InstructionTemplates.identifyAnswer("Fighting"));
        assertEquals("The explicit visual sentiment is neutral.", InstructionTemplates.identifyAnswer("neutral"));
        assertEquals("The location of Fire is from 4s to 18.5s.",
                InstructionTemplates.locateAnswer("Fire", 4.0, 18.46));
        assertEquals("You will be presented with a video. After watching the video, please attribute the explicit"
                + " visual sentiment negative considering facial expression, human action, object relations and"
                + " visual backgrounds.", InstructionTemplates.attributeQuestion("negative"));
    }
}
