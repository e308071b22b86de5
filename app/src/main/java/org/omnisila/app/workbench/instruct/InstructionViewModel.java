package org.omnisila.app.workbench.instruct;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.instruct.Instruction;
import org.omnisila.engine.instruct.InstructionAnswerer;
import org.omnisila.engine.llm.run.FullAnswer;
import org.omnisila.engine.video.VideoCancelledException;
import org.omnisila.app.workbench.Background;
import org.omnisila.app.workbench.analysis.SharedFullModel;

/**
 * The instruction box: an instruction in the paper's form about the analysis shown (the whole video, "segment 3",
 * "at 12 s", "from 4 s to 8 s"), answered from the loaded model's outputs, and which model answered. Properties
 * are read and changed on the FX thread; answering is cheap (no model runs: the answer is composed from the
 * analysis), so it runs there.
 *
 * <p>With a full model loaded ({@link #loadFullModel}) the instruction goes to it instead, about the video shown
 * ({@link #videoProperty()}): loading, preparing the video and generating run on a background thread, the answer is
 * streamed into {@link #answerProperty()} token by token, {@link #cancel()} stops at the next token, and every
 * property change is handed to the FX thread.
 */
public final class InstructionViewModel {
    private final ObjectProperty<VideoAnalysis> analysis = new SimpleObjectProperty<>(this, "analysis");
    private final ObjectProperty<SegmentResult> segment = new SimpleObjectProperty<>(this, "segment");
    private final StringProperty question = new SimpleStringProperty(this, "question", Instruction.PAPER);
    private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper(this, "answer", "");
    private final ReadOnlyStringWrapper answeredBy = new ReadOnlyStringWrapper(this, "answeredBy", "");
    private final ObjectProperty<Path> video = new SimpleObjectProperty<>(this, "video");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper fullModel = new ReadOnlyStringWrapper(this, "fullModel", "");
    private final ReadOnlyStringWrapper conversation = new ReadOnlyStringWrapper(this, "conversation", "");
    private final javafx.beans.property.ReadOnlyObjectWrapper<SharedFullModel> loaded =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(this, "loaded");
    private final Executor fx;
    private final ExecutorService background;
    private volatile AtomicBoolean cancel = new AtomicBoolean();
    private FullModelSession session; // read and replaced on the background thread only

    public InstructionViewModel() {
        this(Platform::runLater, Background.thread("omnisila-full-model"));
    }

    /**
     * @param fx         runs property changes on the FX thread (tests: a queue drained on the test thread)
     * @param background where the full model loads and answers
     */
    InstructionViewModel(Executor fx, ExecutorService background) {
        this.fx = fx;
        this.background = background;
        analysis.addListener((o, was, now) -> {
            answer.set("");
            answeredBy.set("");
        });
        video.addListener((o, was, now) -> conversation.set("")); // the session starts anew with the next question
    }

    /**
     * The full model's conversation so far ("" when the next question is asked on its own): how many earlier
     * questions and answers about this video the model sees, and how many were left out to fit its context.
     */
    public ReadOnlyStringProperty conversationProperty() {
        return conversation.getReadOnlyProperty();
    }

    /** Forgets the full model's conversation: the next question is asked on its own. */
    public void newConversation() {
        if (busy.get()) {
            return;
        }
        conversation.set("");
        background.execute(() -> {
            if (session != null) {
                session.newConversation();
            }
        });
    }

    private static String conversationText(int turns, int dropped) {
        if (turns == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "Conversation: the next question follows %d earlier question%s and "
                        + "answer%s%s.", turns, turns == 1 ? "" : "s", turns == 1 ? "" : "s",
                dropped == 0 ? "" : String.format(Locale.ROOT, " (%d older left out: the model's context is full)",
                        dropped));
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

    /** The video shown: the full model answers about it. */
    public ObjectProperty<Path> videoProperty() {
        return video;
    }

    /** Whether the full model is loading or answering (the Cancel button shows). */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Loading or preparing the video, 0..1; -1 while generating (indeterminate). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The loaded full model's description, empty without one. */
    public ReadOnlyStringProperty fullModelProperty() {
        return fullModel.getReadOnlyProperty();
    }

    /**
     * The loaded full model, to share with Analysis > Analyze (the window switches the analysis to it); null
     * without one. Turns null before the model is closed (another model loaded, {@link #close()}).
     */
    public javafx.beans.property.ReadOnlyObjectProperty<SharedFullModel> loadedModelProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** Closes the full model (once, after a running answer or analysis has stopped); later calls do nothing. */
    public void close() {
        if (background.isShutdown()) {
            return;
        }
        cancel();
        background.execute(() -> {
            if (session != null) {
                FullModelSession s = session;
                session = null;
                fx.execute(() -> {
                    loaded.set(null);
                    fullModel.set("");
                    conversation.set("");
                });
                s.close();
            }
        });
        background.shutdown();
    }

    /**
     * Loads the full model off the FX thread (a model loaded before is closed first). Errors go to the answer area.
     *
     * @param base    the Video-LLaVA folder
     * @param tower   the tower folder, or null
     * @param adapter the ICM adapter folder, or null
     * @return completes on the FX thread once loading has ended: true when the model is loaded
     */
    public CompletableFuture<Boolean> loadFullModel(Path base, Path tower, Path adapter, Device device) {
        CompletableFuture<Boolean> loadedFuture = new CompletableFuture<>();
        AtomicBoolean flag = start("Loading the full model from " + base + " ...");
        background.execute(() -> {
            try {
                if (session != null) {
                    FullModelSession old = session;
                    session = null;
                    fx.execute(() -> {
                        loaded.set(null);
                        fullModel.set("");
                        conversation.set("");
                    });
                    old.close();
                }
                FullModelSession loaded = FullModelSession.open(base, tower, adapter, device, 256,
                        f -> fx.execute(() -> progress.set(f)));
                if (flag.get()) {
                    loaded.close();
                    finish("Loading cancelled.", "");
                    fx.execute(() -> loadedFuture.complete(false));
                    return;
                }
                session = loaded;
                String d = loaded.description();
                SharedFullModel shared = loaded.shared();
                fx.execute(() -> {
                    fullModel.set(d);
                    this.loaded.set(shared);
                });
                finish("The full model is loaded: " + d + ". Ask about the video shown.", "");
                fx.execute(() -> loadedFuture.complete(true));
            } catch (RuntimeException e) {
                finish("The full model could not be loaded: " + e.getMessage(), "");
                fx.execute(() -> loadedFuture.complete(false));
            }
        });
        return loadedFuture;
    }

    /** Stops loading (after it ends) or answering (at the next token). */
    public void cancel() {
        cancel.set(true);
    }

    private AtomicBoolean start(String message) {
        AtomicBoolean flag = new AtomicBoolean();
        cancel = flag;
        busy.set(true);
        progress.set(0);
        answer.set(message);
        answeredBy.set("");
        return flag;
    }

    private void finish(String text, String by) {
        fx.execute(() -> {
            answer.set(text);
            answeredBy.set(by);
            busy.set(false);
            progress.set(0);
        });
    }

    private void askFullModel(String q) {
        Path v = video.get();
        if (v == null) {
            answer.set("There is no video to ask about: open a video first.");
            answeredBy.set("");
            return;
        }
        if (busy.get()) {
            return;
        }
        AtomicBoolean flag = start("");
        String model = fullModel.get();
        background.execute(() -> {
            try {
                FullAnswer a = session.ask(v, q, text -> fx.execute(() -> {
                    answer.set(text);
                    progress.set(-1);
                }), f -> fx.execute(() -> progress.set(f)), flag::get);
                String turns = conversationText(session.turns(), session.dropped());
                fx.execute(() -> conversation.set(turns));
                finish(a.text() + (a.cancelled() ? "\n(stopped)" : ""), String.format(Locale.ROOT,
                        "Answered by %s, %d tokens, %.1f tokens/s", model, a.tokens(), a.tokensPerSecond()));
            } catch (VideoCancelledException e) {
                finish("Stopped.", "");
            } catch (RuntimeException e) {
                finish("The full model could not answer: " + e.getMessage(), "");
            }
        });
    }

    /** Answers {@link #questionProperty()}: with the full model when one is loaded, else from the analysis shown. */
    public void ask() {
        if (!fullModel.get().isEmpty()) {
            String q = question.get() == null || question.get().isBlank() ? Instruction.PAPER : question.get();
            askFullModel(q);
            return;
        }
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
