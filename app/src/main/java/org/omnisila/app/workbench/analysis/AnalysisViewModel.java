package org.omnisila.app.workbench.analysis;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import org.omnisila.app.workbench.Background;
import org.omnisila.engine.analysis.AnalysisOutcome;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.models.Sha256;
import org.omnisila.engine.video.VideoCancelledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analysis of the selected video: runs the engine on one worker thread (never the FX thread) with progress and
 * cancel, keeps each result in the {@link ResultStore} and shows a stored one when its video is selected again.
 * Properties are read and changed on the FX thread.
 */
public final class AnalysisViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(AnalysisViewModel.class);

    /** Replaced on the FX thread by {@link #chooseModel}; read by the worker and lookup threads. */
    private volatile AnalysisEngine engine;
    /** The engine used before the full model, to come back to (worker thread only); null when none. */
    private AnalysisEngine fallback;
    private final ResultStore store;
    private final ExecutorService worker = Background.thread("workbench-analysis");
    /** Reads stored results, so that they show at once even while an analysis runs. */
    private final ExecutorService lookups = Background.thread("workbench-results");
    private final ObjectProperty<Path> video = new SimpleObjectProperty<>();
    private final ObjectProperty<VideoAnalysis> result = new SimpleObjectProperty<>();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty progressText = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty device = new SimpleStringProperty("");
    private final StringProperty model = new SimpleStringProperty("");
    private final BooleanProperty choosing = new SimpleBooleanProperty();
    private final javafx.beans.binding.BooleanBinding canAnalyze = running.not().and(choosing.not())
            .and(video.isNotNull());
    private final AtomicInteger runs = new AtomicInteger();
    private AtomicBoolean cancel = new AtomicBoolean();
    private boolean closed;
    /** Counts {@link #select} calls (FX thread): a lookup answers only the selection that asked for it. */
    private int selections;

    /** @param engine closed by {@link #close()} */
    public AnalysisViewModel(AnalysisEngine engine, ResultStore store) {
        this.engine = engine;
        this.store = store;
        describe(engine);
    }

    /** Fills the model and device lines from the engine, off the FX thread. */
    private void describe(AnalysisEngine described) {
        worker.execute(() -> {
            String m = described.model();
            String d = describeDevice(described);
            Platform.runLater(() -> {
                model.set(m);
                device.set(d);
            });
        });
    }

    /** The product's: the embedded model and the standard result store. */
    public static AnalysisViewModel standard() {
        return new AnalysisViewModel(CheckpointAnalysisEngine.standard(), ResultStore.standard());
    }

    private static String describeDevice(AnalysisEngine described) {
        try {
            return described.device();
        } catch (RuntimeException e) {
            LOG.warn("cannot tell the device", e);
            return "unknown";
        }
    }

    /**
     * The video whose result is shown: its stored result for the current model, if any, is read off the FX
     * thread and shown; a damaged stored file gives a notice and is replaced by the next analysis.
     */
    public void select(Path newVideo) {
        video.set(newVideo);
        result.set(null);
        message.set("");
        int selection = ++selections;
        if (newVideo == null || closed) {
            return;
        }
        lookups.execute(() -> {
            ResultStore.Lookup found;
            try {
                found = store.find(Sha256.of(newVideo), engine.modelSha256());
            } catch (Exception e) {
                LOG.info("no stored result for {}: {}", newVideo, e.toString());
                return;
            }
            Platform.runLater(() -> {
                if (selection != selections || result.get() != null) {
                    return; // selected again (another video, another model), or a result opened meanwhile
                }
                if (found.analysis() != null) {
                    result.set(found.analysis());
                } else if (found.damage() != null) {
                    LOG.warn("stored result ignored: {}", found.damage());
                    message.set("The stored result of this video is damaged and was ignored; Analyze to analyse it "
                            + "again. (" + found.damage() + ")");
                }
            });
        });
    }

    /**
     * Shows a result opened from a file (File > Open result JSON, {@code --result}); a stored result still being
     * looked up for the selected video does not replace it.
     */
    public void show(VideoAnalysis opened) {
        result.set(opened);
    }

    /**
     * Analyses with another model from now on: {@code opener} builds (and checks) its engine on the worker; once it
     * is ready the old engine is closed, the status bar names the new model and the selected video's stored result
     * for it, if any, is shown. A model that cannot be used leaves the current one and says why. Refused while an
     * analysis runs.
     */
    public void chooseModel(java.util.function.Supplier<AnalysisEngine> opener) {
        if (closed) {
            return;
        }
        if (running.get()) {
            message.set("An analysis is running: wait for it or cancel it, then choose the model again.");
            return;
        }
        choosing.set(true);
        worker.execute(() -> {
            AnalysisEngine next;
            String m;
            try {
                next = opener.get();
                m = next.model();
            } catch (RuntimeException e) {
                LOG.warn("model not usable", e);
                Platform.runLater(() -> {
                    choosing.set(false);
                    message.set("Cannot use that model: " + e.getMessage() + " The model in use is unchanged.");
                });
                return;
            }
            String d = describeDevice(next);
            AnalysisEngine old = engine;
            engine = next;
            old.close();
            if (fallback != null && fallback != next) {
                fallback.close();
            }
            fallback = null;
            Platform.runLater(() -> {
                choosing.set(false);
                model.set(m);
                device.set(d);
                select(video.get());
                message.set("Analysing with " + m + " from now on.");
            });
        });
    }

    /**
     * Analyses with a loaded full model from now on (the window calls it when the instruction box has loaded one):
     * the engine in use is closed (freeing the small model; it loads again when used) and kept, to come back to
     * when the full model goes ({@link #leaveFullModel}). Queued behind a running analysis; Analyze waits for it.
     */
    public void useFullModel(FullModelAnalysisEngine full) {
        if (closed) {
            return;
        }
        choosing.set(true);
        worker.execute(() -> {
            AnalysisEngine old = engine;
            if (!(old instanceof FullModelAnalysisEngine)) {
                fallback = old;
            }
            engine = full;
            old.close();
            String m = full.model();
            String d = describeDevice(full);
            Platform.runLater(() -> {
                choosing.set(false);
                model.set(m);
                device.set(d);
                select(video.get());
                message.set("Analysing with the " + m + " from now on (Analysis > Use the embedded model goes back).");
            });
        });
    }

    /**
     * The full model is going (another one loading, the window closing): when it is the one in use, a running
     * analysis with it stops (the model's {@link SharedFullModel#closing()}) and the model used before it analyses
     * again, said in the message line; otherwise nothing changes.
     */
    public void leaveFullModel(SharedFullModel going) {
        if (closed) {
            return;
        }
        worker.execute(() -> {
            if (!(engine instanceof FullModelAnalysisEngine f) || f.shared() != going || fallback == null) {
                return;
            }
            AnalysisEngine back = fallback;
            fallback = null;
            engine = back;
            String m = back.model();
            String d = describeDevice(back);
            Platform.runLater(() -> {
                model.set(m);
                device.set(d);
                select(video.get());
                message.set("The full model was closed: analysing with " + m + " again.");
            });
        });
    }

    /**
     * Analyses the selected video once no model is being chosen (a full model just loaded switches the analysis
     * first), as {@code workbench VIDEO --analyze} does.
     *
     * @return completes on the FX thread when that analysis has ended (at once when none could start)
     */
    public java.util.concurrent.CompletableFuture<Void> analyzeWhenReady() {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        Runnable go = () -> {
            analyze();
            if (!running.get()) {
                done.complete(null);
                return;
            }
            running.addListener(new javafx.beans.value.ChangeListener<Boolean>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was,
                                    Boolean now) {
                    if (!now) {
                        running.removeListener(this);
                        done.complete(null);
                    }
                }
            });
        };
        if (!choosing.get()) {
            go.run();
        } else {
            choosing.addListener(new javafx.beans.value.ChangeListener<Boolean>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was,
                                    Boolean now) {
                    if (!now) {
                        choosing.removeListener(this);
                        go.run();
                    }
                }
            });
        }
        return done;
    }

    /** Analyses the selected video; does nothing while an analysis runs or when no video is selected. */
    public void analyze() {
        Path v = video.get();
        if (v == null || running.get() || choosing.get() || closed) {
            return;
        }
        AtomicBoolean stop = new AtomicBoolean();
        cancel = stop;
        long start = System.nanoTime();
        AnalysisEngine used = engine;
        Task<VideoAnalysis> task = new Task<>() {
            @Override
            protected VideoAnalysis call() throws Exception {
                runs.incrementAndGet();
                LOG.info("analysing {}", v);
                AnalysisOutcome outcome = used.analyze(v, (phase, fraction) -> {
                    updateMessage(phase);
                    updateProgress(fraction, 1);
                }, stop::get);
                if (stop.get()) {
                    throw new VideoCancelledException(v, 0, outcome.analysis().video().duration());
                }
                LOG.info("stored {}", store.save(outcome.analysis(), used.modelSha256()));
                return outcome.analysis();
            }
        };
        Runnable text = () -> progressText.set(ProgressText.of(task.getMessage(), Math.max(0, task.getProgress()),
                (System.nanoTime() - start) / 1e9));
        task.progressProperty().addListener((o, was, now) -> {
            progress.set(Math.max(0, now.doubleValue()));
            text.run();
        });
        task.messageProperty().addListener((o, was, now) -> text.run());
        task.setOnSucceeded(e -> {
            running.set(false);
            if (v.equals(video.get())) {
                result.set(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            running.set(false);
            Throwable t = task.getException();
            if (t instanceof VideoCancelledException) {
                LOG.info("analysis of {} cancelled", v);
                message.set("Analysis cancelled; nothing was stored.");
            } else {
                LOG.error("analysis of {} failed", v, t);
                message.set(FailureMessage.of(t));
            }
        });
        message.set("");
        progress.set(0);
        progressText.set("starting");
        running.set(true);
        worker.execute(task);
    }

    /** Asks the running analysis to stop; it stops at the next frame and {@link #runningProperty()} turns false. */
    public void cancel() {
        cancel.set(true);
    }

    /**
     * Stops a running analysis, then frees the model and extractors (on the worker, after the analysis). Later
     * calls do nothing.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        cancel();
        worker.execute(() -> engine.close());
        worker.shutdown();
        lookups.shutdown();
    }

    /** @return how many analyses the engine has been asked to run */
    public int runs() {
        return runs.get();
    }

    public ReadOnlyObjectProperty<Path> videoProperty() {
        return video;
    }

    /** The result of the selected video, stored or just computed; null when there is none. */
    public ReadOnlyObjectProperty<VideoAnalysis> resultProperty() {
        return result;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** 0..1 while running. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    /** Phase, percentage and time left, while running. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText;
    }

    /** Shows a message under the video (a setting the user mistyped, say); on the FX thread. */
    public void showMessage(String text) {
        message.set(text);
    }

    /** A failure with what to do, a cancellation or a damaged stored result; empty when all is well. */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** The model that analyses, in one line; empty until known. */
    public ReadOnlyStringProperty modelProperty() {
        return model;
    }

    /** Whether Analyze can start: a video selected, no analysis running, no model being chosen. */
    public javafx.beans.binding.BooleanBinding canAnalyzeProperty() {
        return canAnalyze;
    }

    /** True while a newly chosen model is being checked and loaded; Analyze waits for it. */
    public ReadOnlyBooleanProperty choosingProperty() {
        return choosing;
    }

    /** "CPU" or "CUDA" once known; empty until then. */
    public ReadOnlyStringProperty deviceProperty() {
        return device;
    }
}
