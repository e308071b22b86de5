package org.omnisila.app.workbench.analysis;

import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.llm.run.FullModel;

/**
 * The one loaded full model of a window (a 7B model is never loaded twice), shared by the instruction box
 * ({@code instruct.FullModelSession}) and the analysis ({@link FullModelAnalysisEngine}).
 *
 * <p>Sharing rule: every call into the model (preparing a video, generating, scoring labels) runs inside
 * {@link #use}, which holds one fair lock, so one generation runs at a time and the other caller waits its turn
 * (a lock, not a shared executor: each caller keeps its own thread, progress and Cancel). {@link #close()} is
 * called once, by the instruction box that loaded it (another full model loaded, the window closed): it raises
 * {@link #closing()} first, which the analysis polls as a cancel, then waits for the lock and frees the model;
 * later calls do nothing.
 */
public final class SharedFullModel implements AutoCloseable {
    private final FullModel model;
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile boolean closing;
    private boolean closed;
    private int closes;

    /** @param model owned from now on: closed by {@link #close()} */
    public SharedFullModel(FullModel model) {
        this.model = model;
    }

    /**
     * Runs {@code work} with the model, alone: waits while the other caller uses it.
     *
     * @param onWait run first when the model is busy (e.g. to say "waiting for the instruction box")
     * @throws IllegalStateException when the model was closed
     */
    public <T> T use(Runnable onWait, Function<FullModel, T> work) {
        if (!lock.tryLock()) {
            if (onWait != null) {
                onWait.run();
            }
            lock.lock();
        }
        try {
            if (closed) {
                throw new IllegalStateException("the full model was closed");
            }
            return work.apply(model);
        } finally {
            lock.unlock();
        }
    }

    /** True once {@link #close()} was called: a running analysis stops at its next frame or token. */
    public boolean closing() {
        return closing;
    }

    /** @return what results record of the model (name, config, hash, device) */
    public ModelInfo info() {
        return model.info();
    }

    /** @return "ICM+Video-LLaVA (full-omnisila-add, cpu)" */
    public String description() {
        ModelInfo i = model.info();
        return String.format(Locale.ROOT, "%s (%s, %s)", i.name(), i.config(), i.device());
    }

    /** @return how many times the model itself was closed (0 or 1), for tests */
    public synchronized int closes() {
        return closes;
    }

    /** Frees the model once, after the call using it (if any) has ended; later calls do nothing. */
    @Override
    public void close() {
        closing = true;
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                model.close();
                synchronized (this) {
                    closes++;
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
