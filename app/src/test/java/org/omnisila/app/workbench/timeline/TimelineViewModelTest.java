package org.omnisila.app.workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimelineViewModelTest {
    private final TimelineViewModel vm = new TimelineViewModel();

    @Test
    void withoutAnAnalysisTheRulerSpansTheOpenVideo() {
        vm.setWidth(500);
        vm.setVideoDuration(42.5);
        assertEquals(42.5, vm.scaleProperty().get().duration());
        assertEquals(42.5, vm.scaleProperty().get().visibleSeconds(), 1e-9, "the whole video in view");
        vm.seek(100);
        assertEquals(42.5, vm.playheadProperty().get(), "a seek stops at the video's end");

        vm.setAnalysis(Fixtures.analysis());
        double analysed = vm.dataProperty().get().duration();
        assertEquals(analysed, vm.scaleProperty().get().duration(), "an analysis' own duration counts");
        vm.setVideoDuration(10);
        assertEquals(analysed, vm.scaleProperty().get().duration(), "and stays while it is shown");

        vm.setAnalysis(null);
        assertEquals(10, vm.scaleProperty().get().duration(), "back to the video's length");
        vm.setVideoDuration(0);
        assertEquals(1, vm.scaleProperty().get().duration(), "no video: one second of empty ruler");
    }
}
