package org.omnisila.engine.instruct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.api.SceneCues;
import org.omnisila.engine.api.SceneWeights;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.api.VideoInfo;
import org.omnisila.engine.instruct.Instruction.Task;

class InstructionAnswererTest {
    private static final VideoAnalysis A = new VideoAnalysis(new VideoInfo("clip.mp4", "c".repeat(64), 6, 10, 320, 240),
            new ModelInfo("ICM", "small", null, "cpu"),
            List.of(segment(0, 0, 2, "neutral", 0.9, "neutral (0.90)."), segment(1, 2, 4, "negative", 0.8,
                    "negative (0.80). Listened most to face cues"), segment(2, 4, 6, "negative", 0.7, "")),
            List.of(new LocatedSentiment(2, 6, "negative", 0.75, "A frown at 2.5 s")));

    @Test
    void thePapersInstructionGetsAllThreeAnswersInThePapersForm() {
        assertEquals("The explicit visual sentiment is negative. The location of negative is from 2.0s to 6.0s "
                + "(score 0.75). The attribution of negative from 2.0s to 6.0s is: A frown at 2.5 s. (Composed from "
                + "the structured outputs of ICM small on cpu.)",
                InstructionAnswerer.answer(A, Instruction.parse(Instruction.PAPER)));
    }

    @Test
    void aQuestionAboutOneSegmentOrTimeIsAnsweredFromThatSegment() {
        assertEquals("In segment 1 (2.0s to 4.0s) the explicit visual sentiment is negative (0.80). The attribution "
                + "is: negative (0.80). Listened most to face cues. (Composed from the structured outputs of ICM small "
                + "on cpu.)", InstructionAnswerer.answer(A, Instruction.parse("Identify and attribute segment 1")));
        assertEquals("In segment 0 (0.0s to 2.0s) the explicit visual sentiment is neutral (0.90). (Composed from "
                + "the structured outputs of ICM small on cpu.)",
                InstructionAnswerer.answer(A, Instruction.parse("What is the sentiment at 1.5 s?")));
        assertEquals("The video has no segment 9 (it has 3). (Composed from the structured outputs of ICM small on "
                + "cpu.)", InstructionAnswerer.answer(A, Instruction.parse("why segment 9")));
    }

    @Test
    void parsingFindsTheTasksAndTheStretch() {
        Instruction q = Instruction.parse("Please locate the sentiment from 4 s to 2.5 seconds");
        assertEquals(Set.of(Task.LOCATE), q.tasks());
        assertEquals(2.5, q.from());
        assertEquals(4.0, q.to());
        assertEquals(EnumSet.allOf(Task.class), Instruction.parse("tell me about it").tasks());
        assertEquals(3, Instruction.parse("explain segment #3").segment());
        assertEquals(Set.of(Task.ATTRIBUTE), Instruction.parse("explain segment #3").tasks());
    }

    @Test
    void nothingLocatedIsSaidPlainly() {
        VideoAnalysis quiet = new VideoAnalysis(A.video(), A.model(), A.segments(), List.of());
        assertEquals("No explicit visual sentiment was located in the video. (Composed from the structured outputs "
                + "of ICM small on cpu.)", InstructionAnswerer.answer(quiet, Instruction.parse(Instruction.PAPER)));
    }

    private static SegmentResult segment(int index, double start, double end, String top, double p, String why) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String label : List.of("positive", "negative", "neutral")) {
            scores.put(label, label.equals(top) ? p : (1 - p) / 2);
        }
        return new SegmentResult(index, start, end, List.of(start, start + 1), scores,
                new SceneWeights(0.25, 0.25, 0.25, 0.25), new SceneWeights(0, 0, 0, 0),
                new SceneCues(List.of(), List.of(), List.of(), List.of()), why);
    }
}
