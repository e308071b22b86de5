package org.omnisila.app.workbench.annotate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Change;
import org.omnisila.annotator.project.EditStep;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemFilter;
import org.omnisila.annotator.project.ProjectException;
import org.omnisila.annotator.review.ModelOpinion;
import org.omnisila.annotator.review.ModelOpinions;
import org.omnisila.annotator.review.QueueQuery;
import org.omnisila.annotator.review.QueueQuery.Order;
import org.omnisila.annotator.review.QueueQuery.Show;
import org.omnisila.annotator.review.Review;
import org.omnisila.annotator.review.ReviewQueue;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.api.VideoAnalysis;

/**
 * Annotation mode's state: the open project, the queue of items its filter and order give ({@link ReviewQueue}),
 * the item selected, the edits made to it by the review rules ({@link Review}) and the model's opinion of it
 * ({@link ModelOpinions}), as JavaFX properties; it never touches a control.
 *
 * <p>Opening and closing a project, listing the queue and counting the chips run on the background executor (they
 * wait for the lock and the disk, and take seconds at 100,000 items); the properties change on the FX executor.
 * Edits are made on the calling (FX) thread: each is one saved step of the project's history, tens of
 * milliseconds at most, after which the queue and {@link #selectedProperty()} hold the item as saved. An edit the project refuses (an end before the start, a rating outside 1-6) changes nothing and says why
 * in {@link #problemProperty()}, which the next edit that succeeds clears.
 */
public final class AnnotationViewModel {
    private final Executor background;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<AnnotationProject> project = new ReadOnlyObjectWrapper<>(this, "project");
    private final ObservableList<Item> queue = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Item> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ObjectProperty<Show> show = new SimpleObjectProperty<>(this, "show", Show.ALL);
    private final ObjectProperty<String> label = new SimpleObjectProperty<>(this, "label");
    private final ObjectProperty<Order> order = new SimpleObjectProperty<>(this, "order", Order.VIDEO_TIME);
    private final ReadOnlyObjectWrapper<Map<Show, Integer>> counts = new ReadOnlyObjectWrapper<>(this, "counts",
            Map.of());
    private final ReadOnlyObjectWrapper<Map<String, Integer>> labelCounts = new ReadOnlyObjectWrapper<>(this,
            "labelCounts", Map.of());
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final DoubleProperty frameRate = new SimpleDoubleProperty(this, "frameRate", 0);
    private final ReadOnlyObjectWrapper<ModelOpinion> opinion = new ReadOnlyObjectWrapper<>(this, "opinion");
    /** The open project's review rules, queue and model opinions; null while none is open. */
    private Review review;
    private ReviewQueue reviewQueue;
    private ModelOpinions opinions;
    /** Counts the reloads asked for: only the latest one's result is shown. */
    private int reloads;

    /**
     * @param background opens and closes projects (a daemon thread of its own in the window)
     * @param fx         where the properties change ({@code Platform::runLater})
     */
    public AnnotationViewModel(Executor background, Executor fx) {
        this.background = background;
        this.fx = fx;
        show.addListener((o, was, now) -> reload());
        label.addListener((o, was, now) -> reload());
        order.addListener((o, was, now) -> reload());
        selected.addListener((o, was, now) -> {
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
                reviewQueue = new ReviewQueue(now);
                opinions = new ModelOpinions(now);
                project.set(now);
                reload();
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
        reviewQueue = null;
        opinions = null;
        opinion.set(null);
        queue.clear();
        selected.set(null);
        counts.set(Map.of());
        labelCounts.set(Map.of());
        problem.set("");
    }

    /**
     * Lists the items again by the filter and order, keeping the selected item when it is still listed. The queue
     * and its counts are read on the background executor (a project of 100,000 items takes seconds) and shown on
     * the FX executor; a reload asked for meanwhile wins over an older one.
     */
    public void reload() {
        AnnotationProject p = project.get();
        if (p == null) {
            return;
        }
        ReviewQueue rq = reviewQueue;
        QueueQuery q = query();
        int reload = ++reloads;
        background.execute(() -> {
            try {
                List<Item> listed = rq.items(q);
                Map<Show, Integer> c = Map.copyOf(rq.counts(q));
                Map<String, Integer> byLabel = labelCounts(p);
                fx.execute(() -> {
                    if (reload != reloads || project.get() != p) {
                        return; // another reload, or another project, since
                    }
                    Item was = selected.get();
                    queue.setAll(listed);
                    Item again = was == null ? null : listed.stream().filter(i -> i.id() == was.id()).findFirst()
                            .orElse(null);
                    selected.set(again != null ? again : listed.isEmpty() ? null : listed.get(0));
                    counts.set(c);
                    labelCounts.set(byLabel);
                });
            } catch (ProjectException | IllegalArgumentException | IllegalStateException e) {
                fx.execute(() -> {
                    if (project.get() == p) {
                        problem.set(e.getMessage());
                    }
                });
            }
        });
    }

    private QueueQuery query() {
        return QueueQuery.all().withShow(show.get()).withLabel(label.get()).withOrder(order.get());
    }

    /**
     * Counts the chips (for the label chosen) and, when asked, the labels again, on the background executor; the
     * window goes on meanwhile (at 100,000 items the counts take tens of milliseconds).
     */
    private void recount(boolean labelsToo) {
        AnnotationProject p = project.get();
        if (p == null) {
            return;
        }
        ReviewQueue rq = reviewQueue;
        QueueQuery q = query();
        background.execute(() -> {
            try {
                Map<Show, Integer> c = Map.copyOf(rq.counts(q));
                Map<String, Integer> byLabel = labelsToo ? labelCounts(p) : null;
                fx.execute(() -> {
                    if (project.get() == p) {
                        counts.set(c);
                        if (byLabel != null) {
                            labelCounts.set(byLabel);
                        }
                    }
                });
            } catch (ProjectException | IllegalStateException e) {
                fx.execute(() -> {
                    if (project.get() == p) {
                        problem.set(e.getMessage());
                    }
                });
            }
        });
    }

    /** How many items have each label, in order of first appearance. */
    private static Map<String, Integer> labelCounts(AnnotationProject p) {
        Map<String, Integer> byLabel = new LinkedHashMap<>();
        for (Item item : p.items(ItemFilter.all())) {
            if (item.label() != null) {
                byLabel.merge(item.label(), 1, Integer::sum);
            }
        }
        return java.util.Collections.unmodifiableMap(byLabel);
    }

    /** Selects an item of the queue (null: none). */
    public void select(Item item) {
        selected.set(item);
    }

    /** Selects the next item of the queue; false at its end. */
    public boolean next() {
        return move(1);
    }

    /** Selects the previous item of the queue; false at its start. */
    public boolean previous() {
        return move(-1);
    }

    private boolean move(int by) {
        int i = indexOf(selected.get());
        int to = i < 0 ? (queue.isEmpty() ? -1 : 0) : i + by;
        if (to < 0 || to >= queue.size()) {
            return false;
        }
        selected.set(queue.get(to));
        return true;
    }

    private int indexOf(Item item) {
        if (item == null) {
            return -1;
        }
        for (int i = 0; i < queue.size(); i++) {
            if (queue.get(i).id() == item.id()) {
                return i;
            }
        }
        return -1;
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
            recount(true);
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
        recount(true);
        Item changed = queue.stream().filter(i -> i.id() == itemId).findFirst().orElse(null);
        if (changed != null) {
            selected.set(changed);
        }
        return true;
    }

    /** One review call on the selected item; the queue and the selection then hold the item as saved. */
    private boolean review(java.util.function.BiFunction<Review, Long, Item> call) {
        Item item = selected.get();
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
        for (int i = 0; i < queue.size(); i++) {
            if (queue.get(i).id() == saved.id()) {
                queue.set(i, saved);
            }
        }
        Item sel = selected.get();
        if (sel != null && sel.id() == saved.id()) {
            selected.set(saved);
        }
        recount(false);
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
        Item item = selected.get();
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
        Item item = selected.get();
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

    /** The items the filter keeps, in the order chosen; edits replace an item in place. */
    public ObservableList<Item> queue() {
        return FXCollections.unmodifiableObservableList(queue);
    }

    /** The item being reviewed, as saved, or null. */
    public ReadOnlyObjectProperty<Item> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Which items the queue lists. */
    public ObjectProperty<Show> showProperty() {
        return show;
    }

    /** Only items with this label (null: all labels). */
    public ObjectProperty<String> labelProperty() {
        return label;
    }

    /** The order of the queue. */
    public ObjectProperty<Order> orderProperty() {
        return order;
    }

    /** How many items of the project each filter would list. */
    public ReadOnlyObjectProperty<Map<Show, Integer>> countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** How many items of the project have each label, in order of first appearance. */
    public ReadOnlyObjectProperty<Map<String, Integer>> labelCountsProperty() {
        return labelCounts.getReadOnlyProperty();
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
