package org.omnisila.app.workbench.instruct;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.instruct.Instruction;
import org.omnisila.engine.instruct.InstructionAnswerer;

/**
 * The instruction box: an instruction in the paper's form about the analysis shown (the whole video, "segment 3",
 * "at 12 s", "from 4 s to 8 s"), answered from the loaded model's outputs, and which model answered. Properties
 * are read and changed on the FX thread; answering is cheap (no model runs: the answer is composed from the
 * analysis), so it runs there.
 */
public final class InstructionViewModel {
    private final ObjectProperty<VideoAnalysis> analysis = new SimpleObjectProperty<>(this, "analysis");
    private final ObjectProperty<SegmentResult> segment = new SimpleObjectProperty<>(this, "segment");
    private final StringProperty question = new SimpleStringProperty(this, "question", Instruction.PAPER);
    private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper(this, "answer", "");
    private final ReadOnlyStringWrapper answeredBy = new ReadOnlyStringWrapper(this, "answeredBy", "");

    public InstructionViewModel() {
        analysis.addListener((o, was, now) -> {
            answer.set("");
            answeredBy.set("");
        });
    }

    /** The analysis asked about; a new one clears the last answer. */
    public ObjectProperty<VideoAnalysis> analysisProperty() {
        return analysis;
    }

    /** The segment selected in the window: {@link #askAboutSegment()} asks about it. */
    public ObjectProperty<SegmentResult> segmentProperty() {
        return segment;
    }

    /** The instruction typed; the paper's whole-video instruction at first. */
    public StringProperty questionProperty() {
        return question;
    }

    /** The last answer, in the paper's response form; empty before the first. */
    public ReadOnlyStringProperty answerProperty() {
        return answer.getReadOnlyProperty();
    }

    /** Which model answered the last question, and how (composed from structured outputs). */
    public ReadOnlyStringProperty answeredByProperty() {
        return answeredBy.getReadOnlyProperty();
    }

    /** Answers {@link #questionProperty()} about the analysis shown. */
    public void ask() {
        VideoAnalysis a = analysis.get();
        if (a == null) {
            answer.set("There is no analysis to ask about: analyse a video or open a result JSON first.");
            answeredBy.set("");
            return;
        }
        String q = question.get() == null || question.get().isBlank() ? Instruction.PAPER : question.get();
        answer.set(InstructionAnswerer.answer(a, Instruction.parse(q)));
        answeredBy.set("Answered by " + a.model().name() + " (" + a.model().config() + ", " + a.model().device()
                + ")");
    }

    /** Puts the paper's whole-video instruction in the box and answers it. */
    public void askAboutVideo() {
        question.set(Instruction.PAPER);
        ask();
    }

    /**
     * Puts "identify, locate and attribute segment N" for the selected segment in the box and answers it; without
     * a selected segment, the whole video.
     */
    public void askAboutSegment() {
        SegmentResult s = segment.get();
        if (s == null) {
            askAboutVideo();
            return;
        }
        question.set("Please identify and attribute the visual sentiment of segment " + s.index());
        ask();
    }
}
