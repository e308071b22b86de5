package org.omnisila.app.workbench.instruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.omnisila.app.workbench.timeline.Fixtures;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.instruct.Instruction;

class InstructionViewModelTest {
    private final InstructionViewModel vm = new InstructionViewModel();

    @Test
    void withoutAnAnalysisTheAnswerSaysWhatToDo() {
        vm.ask();
        assertTrue(vm.answerProperty().get().startsWith("There is no analysis to ask about"));
        assertEquals("", vm.answeredByProperty().get());
    }

    @Test
    void answersInThePapersFormAndNamesTheModel() {
        VideoAnalysis a = Fixtures.analysis();
        vm.analysisProperty().set(a);
        assertEquals(Instruction.PAPER, vm.questionProperty().get());
        vm.questionProperty().set("when?");
        vm.ask();
        assertTrue(vm.answerProperty().get().startsWith("The location of "), vm.answerProperty().get());
        assertEquals("Answered by " + a.model().name() + " (" + a.model().config() + ", " + a.model().device() + ")",
                vm.answeredByProperty().get());

        vm.analysisProperty().set(null);
        assertEquals("", vm.answerProperty().get(), "a new analysis clears the old answer");
    }

    @Test
    void theSegmentButtonAsksAboutTheSelectedSegment() {
        VideoAnalysis a = Fixtures.analysis();
        vm.analysisProperty().set(a);
        vm.segmentProperty().set(a.segments().get(1));
        vm.askAboutSegment();
        int index = a.segments().get(1).index();
        assertTrue(vm.questionProperty().get().endsWith("segment " + index), vm.questionProperty().get());
        assertTrue(vm.answerProperty().get().contains("In segment " + index + " ("), vm.answerProperty().get());

        vm.segmentProperty().set(null);
        vm.askAboutSegment();
        assertEquals(Instruction.PAPER, vm.questionProperty().get(), "no segment: the whole video");
    }
}
