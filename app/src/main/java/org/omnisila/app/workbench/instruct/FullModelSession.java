package org.omnisila.app.workbench.instruct;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.omnisila.app.workbench.analysis.SharedFullModel;
import org.omnisila.engine.llm.run.FullAnswer;
import org.omnisila.engine.llm.run.FullModel;
import org.omnisila.engine.llm.run.PreparedVideo;
import org.omnisila.engine.llm.text.VicunaTemplate;
import org.omnisila.engine.models.ModelFiles;

/**
 * The full model behind the instruction box, with the last video it prepared kept (asking again about the same
 * video does not read its frames again). Every method runs on the instruction box's background thread, one at a
 * time; none touches JavaFX. The model is a {@link SharedFullModel}: Analysis > Analyze uses the same instance
 * ({@code FullModelAnalysisEngine}), and every call into it takes the model's lock; the session owns it and closes
 * it.
 */
public final class FullModelSession implements AutoCloseable {
    private final SharedFullModel model;
    private final int maxNewTokens;
    private final List<VicunaTemplate.Turn> history = new ArrayList<>();
    private PreparedVideo prepared;
    private int dropped;

    private FullModelSession(SharedFullModel model, int maxNewTokens) {
        this.model = model;
        this.maxNewTokens = maxNewTokens;
    }

    /**
     * Loads the model (minutes at 7B).
     *
     * @param base    the Video-LLaVA folder
     * @param tower   the tower folder, or null
     * @param adapter the ICM adapter folder, or null
     */
    public static FullModelSession open(Path base, Path tower, Path adapter, Device device, int maxNewTokens,
                                        DoubleConsumer progress) {
        try {
            return new FullModelSession(new SharedFullModel(FullModel.open(base, tower, adapter, device,
                    FullModel.defaultPrecision(device), -1, new ModelFiles(), progress)), maxNewTokens);
        } catch (IllegalStateException e) { // the memory estimate does not fit: a message for the user
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Answers in the conversation about {@code video}: the earlier questions and answers about it go before the new
     * question (Vicuna's template), as in {@code omnisila chat}; another video starts a new conversation. When the
     * conversation no longer fits the model's context, its oldest turns are left out ({@link #dropped()}). A
     * finished answer becomes a turn; a stopped one does not.
     *
     * @param video    the video shown
     * @param question the instruction
     * @param partial  the answer so far, after every token
     * @param progress the video's preparation, 0..1 (only when it is not prepared yet)
     * @param cancel   polled per frame and per token
     */
    public FullAnswer ask(Path video, String question, Consumer<String> partial, DoubleConsumer progress,
                          BooleanSupplier cancel) {
        return model.use(() -> partial.accept("(waiting for the analysis to finish with the full model)"), m -> {
            if (prepared == null || !prepared.video().equals(video)) {
                if (prepared != null) {
                    prepared.close();
                    prepared = null;
                }
                newConversation();
                prepared = m.prepare(video, progress, cancel);
            }
            while (!history.isEmpty() && !m.fits(prepared, history, question)) {
                history.remove(0);
                dropped++;
            }
            FullAnswer a = m.ask(prepared, List.copyOf(history), question, m.settings(maxNewTokens), partial,
                    cancel);
            if (!a.cancelled()) {
                history.add(new VicunaTemplate.Turn(question, a.text()));
            }
            return a;
        });
    }

    /** Forgets the conversation: the next question is asked on its own. */
    public void newConversation() {
        history.clear();
        dropped = 0;
    }

    /** @return the turns the next question is asked after */
    public int turns() {
        return history.size();
    }

    /** @return the oldest turns left out because the conversation outgrew the model's context */
    public int dropped() {
        return dropped;
    }

    /** @return "ICM+Video-LLaVA (full-omnisila-add, cpu)" */
    public String description() {
        return model.description();
    }

    /** @return the loaded model, to share with the analysis */
    public SharedFullModel shared() {
        return model;
    }

    /** Frees the prepared video and the model (after an analysis using it, if any, has stopped). */
    @Override
    public void close() {
        try {
            if (prepared != null) {
                model.use(null, m -> {
                    prepared.close();
                    return null;
                });
            }
        } catch (IllegalStateException e) {
            // the model was closed already: the prepared video went with it
        } finally {
            prepared = null;
            model.close();
        }
    }
}
