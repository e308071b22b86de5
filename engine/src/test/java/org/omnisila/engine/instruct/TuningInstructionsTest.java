package org.omnisila.engine.instruct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.omnisila.engine.api.Scene;

class TuningInstructionsTest {

    @Test
    void secondsAreRoundedToATenthHalfUpWithoutATrailingZero() {
        assertEquals("4", TuningInstructions.seconds(4.0));
        assertEquals("4.3", TuningInstructions.seconds(4.25));
        assertEquals("4.2", TuningInstructions.seconds(4.249));
        assertEquals("18", TuningInstructions.seconds(18.04));
        assertEquals("20", TuningInstructions.seconds(19.96));
        assertEquals("0", TuningInstructions.seconds(-0.0));
        assertEquals("0", TuningInstructions.seconds(0.04));
        assertEquals("0.1", TuningInstructions.seconds(0.05));
        assertEquals("123.5", TuningInstructions.seconds(123.45));
    }

    @Test
    void theWordingFollowsThePaper() {
        assertEquals("Please describe the facial expression.", TuningInstructions.describe(Scene.FACE));
        assertEquals("Please describe the image region.", TuningInstructions.describe(Scene.OBJECT));
        assertEquals("You will be presented with a video. After watching the video, please identify the implicit"
                + " visual sentiment in the video.", TuningInstructions.identifyQuestion("Fighting"));
        assertEquals("The implicit visual sentiment is Fighting.", TuningInstructions.identifyAnswer("Fighting"));
        assertEquals("The explicit visual sentiment is neutral.", TuningInstructions.identifyAnswer("neutral"));
        assertEquals("The location of Fire is from 4s to 18.5s.",
                TuningInstructions.locateAnswer("Fire", 4.0, 18.46));
        assertEquals("You will be presented with a video. After watching the video, please attribute the explicit"
                + " visual sentiment negative considering facial expression, human action, object relations and"
                + " visual backgrounds.", TuningInstructions.attributeQuestion("negative"));
    }
}
