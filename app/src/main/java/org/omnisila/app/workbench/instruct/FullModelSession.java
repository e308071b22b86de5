package org.omnisila.app.workbench.instruct;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.omnisila.engine.llm.run.FullAnswer;
import org.omnisila.engine.llm.run.FullModel;
import org.omnisila.engine.llm.run.PreparedVideo;
import org.omnisila.engine.models.ModelFiles;

/**
 * The full model behind the instruction box, with the last video it prepared kept (asking again about the same
 * video does not read its frames again). Every method runs on the instruction box's background thread, one at a
 * time; none touches JavaFX.
 */
public final class FullModelSession implements AutoCloseable {
    private final FullModel model;
    private final int maxNewTokens;
    private PreparedVideo prepared;

    private FullModelSession(FullModel model, int maxNewTokens) {
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
            return new FullModelSession(FullModel.open(base, tower, adapter, device,
                    FullModel.defaultPrecision(device), -1, new ModelFiles(), progress), maxNewTokens);
        } catch (IllegalStateException e) { // the memory estimate does not fit: a message for the user
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * @param video    the video shown
     * @param question the instruction
     * @param partial  the answer so far, after every token
     * @param progress the video's preparation, 0..1 (only when it is not prepared yet)
     * @param cancel   polled per frame and per token
     */
    public FullAnswer ask(Path video, String question, Consumer<String> partial, DoubleConsumer progress,
                          BooleanSupplier cancel) {
        if (prepared == null || !prepared.video().equals(video)) {
            if (prepared != null) {
                prepared.close();
                prepared = null;
            }
            prepared = model.prepare(video, progress, cancel);
        }
        return model.ask(prepared, List.of(), question, model.settings(maxNewTokens), partial, cancel);
    }

    /** @return "ICM+Video-LLaVA (full-omnisila-add, cpu)" */
    public String description() {
        return String.format(Locale.ROOT, "%s (%s, %s)", model.info().name(), model.info().config(),
                model.info().device());
    }

    @Override
    public void close() {
        if (prepared != null) {
            prepared.close();
        }
        model.close();
    }
}
