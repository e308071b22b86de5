package org.omnisila.app.workbench.annotate;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Change;
import org.omnisila.annotator.project.EditStep;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ProjectException;
import org.omnisila.annotator.review.ModelOpinion;
import org.omnisila.annotator.review.ModelOpinions;
import org.omnisila.annotator.review.Review;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.api.VideoAnalysis;

/**
 * Annotation mode's state: the open project, its {@link QueueModel queue} with the item selected, the edits made to
 * that item by the review rules ({@link Review}) and the model's opinion of it ({@link ModelOpinions}), as JavaFX
 * properties; it never touches a control.
 *
 * <p>Opening and closing a project, listing the queue and counting the chips run on the background executor (they
 * wait for the lock and the disk, and take seconds at 100,000 items); the properties change on the FX executor.
 * Edits are made on the calling (FX) thread: each is one saved step of the project's history, tens of
 * milliseconds at most, after which the queue and {@link #selectedProperty()} hold the item as saved. An edit the
 * project refuses (an end before the start, a rating outside 1-6) changes nothing and says why in
 * {@link #problemProperty()}, which the next edit that succeeds clears.
 */
public final class AnnotationViewModel {
    private final Executor background;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<AnnotationProject> project = new ReadOnlyObjectWrapper<>(this, "project");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final DoubleProperty frameRate = new SimpleDoubleProperty(this, "frameRate", 0);
    private final ReadOnlyObjectWrapper<ModelOpinion> opinion = new ReadOnlyObjectWrapper<>(this, "opinion");
    private final QueueModel queue;
    /** The open project's review rules and model opinions; null while none is open. */
    private Review review;
    private ModelOpinions opinions;

    /**
     * @param background opens and closes projects, lists and counts the queue (a daemon thread of its own in the
     *                   window)
     * @param fx         where the properties change ({@code Platform::runLater})
     */
    public AnnotationViewModel(Executor background, Executor fx) {
        this.background = background;
        this.fx = fx;
        this.queue = new QueueModel(background, fx, problem::set);
        queue.selectedProperty().addListener((o, was, now) -> {
            if (was == null || now == null || was.id() != now.id()) {
                readOpinion();
            }
        });
    }

    /**
     * Creates a project file and opens it.
     *
     * @return completes once it is open; exceptionally with the {@link ProjectException} (or
     *     {@link IllegalArgumentException}) whose message says what went wrong
     */
    public CompletableFuture<Void> create(Path file, String name, String annotator) {
        return replace(() -> {
            AnnotationProject.create(file, name);
            return AnnotationProject.open(file, annotator);
        });
    }

    /**
     * Opens a project (closing the one open, if any) and lists its items.
     *
     * @return completes once it is open; exceptionally with the {@link ProjectException} whose message says why not
     *     (the project is open in another window: who has it; not a project; missing)
     */
    public CompletableFuture<Void> open(Path file, String annotator) {
        return replace(() -> AnnotationProject.open(file, annotator));
    }

    private CompletableFuture<Void> replace(Supplier<AnnotationProject> opener) {
        AnnotationProject old = project.get();
        detach();
        busy.set(true);
        CompletableFuture<Void> done = new CompletableFuture<>();
        background.execute(() -> {
            AnnotationProject opened = null;
            RuntimeException failure = null;
            try {
                if (old != null) {
                    old.close();
                }
                opened = opener.get();
            } catch (RuntimeException e) {
                failure = e;
            }
            AnnotationProject now = opened;
            RuntimeException failed = failure;
            fx.execute(() -> {
                busy.set(false);
                if (failed != null) {
                    done.completeExceptionally(failed);
                    return;
                }
                review = new Review(now);
                opinions = new ModelOpinions(now);
                project.set(now);
                queue.attach(now);
                done.complete(null);
            });
        });
        return done;
    }

    /** Closes the open project, if any, off the FX thread; completes when its file is complete and unlocked. */
    public CompletableFuture<Void> close() {
        AnnotationProject old = project.get();
        detach();
        if (old == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(old::close, background);
    }

    private void detach() {
        project.set(null);
        review = null;
        opinions = null;
        opinion.set(null);
        queue.detach();
        problem.set("");
    }

    /** Keeps the selected item (accepted, or edited when it was corrected). */
    public void accept() {
        review(Review::accept);
    }

    /** Rejects the selected item: kept, left out of the data sets. */
    public void reject() {
        review(Review::reject);
    }

    /** Puts the selected item back among the unreviewed (corrections kept). */
    public void reopen() {
        review(Review::reopen);
    }

    /** Sets the selected item's sentiment label. */
    public void setLabel(String newLabel) {
        if (review((r, id) -> r.setLabel(id, newLabel))) {
            queue.recount(true);
        }
    }

    /**
     * Moves the selected item's boundaries, each snapped to the video's frames ({@link #frameRateProperty()}), as
     * one step; an end before the start, or after the end of the video, is refused with a message and nothing is
     * saved.
     */
    public void setSpan(double start, double end) {
        double s = FrameSnap.snap(start, frameRate.get());
        double e = FrameSnap.snap(end, frameRate.get());
        if (e < s) {
            problem.set(String.format(java.util.Locale.ROOT, "The end (%.3f s) is before the start (%.3f s): "
                    + "nothing was saved. Type an end at or after the start.", e, s));
            return;
        }
        review((r, id) -> r.setSpan(id, s, e));
    }

    /**
     * {@link #setSpan(double, double)} from the texts typed in the start and end fields; a text that is not a time
     * is refused with a message saying what to type, and nothing is saved.
     */
    public void setSpan(String startText, String endText) {
        double s;
        double e;
        try {
            s = FrameSnap.parse(startText, "start");
            e = FrameSnap.parse(endText, "end");
        } catch (IllegalArgumentException notATime) {
            problem.set(notATime.getMessage());
            return;
        }
        setSpan(s, e);
    }

    /** Keeps one aspect of the selected item as written. */
    public void acceptAspect(Scene scene) {
        review((r, id) -> r.acceptAspect(id, scene));
    }

    /** Leaves one aspect of the selected item out of the data sets. */
    public void rejectAspect(Scene scene) {
        review((r, id) -> r.rejectAspect(id, scene));
    }

    /** Corrects the text of one aspect of the selected item (null is taken as empty: nothing to see). */
    public void editAspect(Scene scene, String text) {
        review((r, id) -> r.editAspect(id, scene, text == null ? "" : text));
    }

    /** Corrects the selected item's summary. */
    public void setSummary(String text) {
        review((r, id) -> r.setSummary(id, text));
    }

    /** Rates the selected item's attribution 1-6 (the paper's Atr-R), or removes the rating (null). */
    public void rate(Integer rating) {
        review((r, id) -> r.rate(id, rating));
    }

    /** Takes back the last edit still in effect (of any item: that item is selected); false when there is none. */
    public boolean undo() {
        return history(AnnotationProject::undo);
    }

    /** Makes the last undone edit again (that item is selected); false when there is none. */
    public boolean redo() {
        return history(AnnotationProject::redo);
    }

    private boolean history(java.util.function.Function<AnnotationProject, Optional<EditStep>> step) {
        AnnotationProject p = project.get();
        if (p == null) {
            return false;
        }
        Optional<EditStep> done = attempt(() -> step.apply(p));
        if (done == null || done.isEmpty()) {
            return false;
        }
        List<Change> changes = done.get().changes();
        long itemId = changes.get(0).itemId();
        refreshItem(p, itemId);
        queue.recount(true);
        queue.selectId(itemId);
        return true;
    }

    /** One review call on the selected item; the queue and the selection then hold the item as saved. */
    private boolean review(java.util.function.BiFunction<Review, Long, Item> call) {
        Item item = queue.selectedProperty().get();
        if (review == null || item == null) {
            return false;
        }
        Item saved = attempt(() -> call.apply(review, item.id()));
        if (saved != null) {
            put(saved);
        }
        return saved != null;
    }

    /** Puts an item as saved in the queue and the selection, and counts the chips again. */
    private void put(Item saved) {
        queue.put(saved);
        queue.recount(false);
    }

    private void refreshItem(AnnotationProject p, long itemId) {
        Item saved = attempt(() -> p.item(itemId));
        if (saved != null) {
            put(saved);
        }
    }

    /**
     * Records what a model's analysis of the selected item's video says about its span (the window calls this
     * when an analysis of that video is shown), so that the queue can be ordered by the model's uncertainty; the
     * same opinion is not recorded twice.
     *
     * @param analysis an analysis of the selected item's video
     */
    public void modelSays(VideoAnalysis analysis) {
        Item item = queue.selectedProperty().get();
        if (opinions == null || item == null) {
            return;
        }
        Optional<ModelOpinion> fresh = ModelOpinions.fromAnalysis(item, analysis, java.time.Instant.now());
        if (fresh.isEmpty()) {
            return;
        }
        ModelOpinion o = fresh.get();
        ModelOpinion known = opinion.get();
        if (known != null && known.model().equals(o.model()) && known.label().equals(o.label())
                && known.confidence() == o.confidence()) {
            return; // recorded already
        }
        if (attempt(() -> {
            opinions.record(item.id(), o);
            return true;
        }) != null) {
            opinion.set(o);
        }
    }

    private void readOpinion() {
        Item item = queue.selectedProperty().get();
        opinion.set(opinions == null || item == null ? null : attempt(() -> opinions.latest(item.id()).orElse(null)));
    }

    /** Runs a call on the project; a refusal becomes the problem shown, and null is returned. */
    private <T> T attempt(Supplier<T> call) {
        try {
            T result = call.get();
            problem.set("");
            return result;
        } catch (ProjectException | IllegalArgumentException | IllegalStateException e) {
            problem.set(e.getMessage());
            return null;
        } catch (CompletionException e) {
            problem.set(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            return null;
        }
    }

    /** The open project, or null. */
    public ReadOnlyObjectProperty<AnnotationProject> projectProperty() {
        return project.getReadOnlyProperty();
    }

    /** The queue: its filter, order, counts and the item selected. */
    public QueueModel queue() {
        return queue;
    }

    /** The item being reviewed, as saved, or null (the queue's selection). */
    public ReadOnlyObjectProperty<Item> selectedProperty() {
        return queue.selectedProperty();
    }

    /** The latest opinion a model gave of the selected item's span (recorded in the project), or null. */
    public ReadOnlyObjectProperty<ModelOpinion> opinionProperty() {
        return opinion.getReadOnlyProperty();
    }

    /** Why the last edit was refused (user-ready), or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Whether a project is being opened or closed. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The frame rate of the selected item's video (0: unknown); boundaries snap to it. */
    public DoubleProperty frameRateProperty() {
        return frameRate;
    }
}
