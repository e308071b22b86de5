package org.omnisila.app.workbench.annotate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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
import org.omnisila.annotator.project.ItemField;
import org.omnisila.annotator.project.ItemFilter;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.annotator.project.ProjectException;
import org.omnisila.engine.api.Scene;

/**
 * Annotation mode's state: the open project, the queue of items its filter and order give, the item selected, and
 * the edits made to it, as JavaFX properties; it never touches a control.
 *
 * <p>Opening and closing a project run on the background executor (they wait for the lock and the disk); the
 * properties change on the FX executor. Edits are made on the calling (FX) thread: each is one saved step of the
 * project's history, a few milliseconds, after which the queue and {@link #selectedProperty()} hold the item as
 * saved. An edit the project refuses (an end before the start, a rating outside 1-6) changes nothing and says why
 * in {@link #problemProperty()}, which the next edit that succeeds clears.
 */
public final class AnnotationViewModel {
    /** Which items the queue lists. */
    public enum Show {
        ALL("All"), UNREVIEWED("Unreviewed"), REJECTED("Rejected"), LOW_CONFIDENCE("Low confidence");

        private final String title;

        Show(String title) {
            this.title = title;
        }

        /** The chip's text, without its count. */
        public String title() {
            return title;
        }
    }

    /** The order of the queue. */
    public enum Order {
        VIDEO_TIME("By video and time"), MODEL_UNCERTAINTY("By model uncertainty");

        private final String title;

        Order(String title) {
            this.title = title;
        }

        @Override
        public String toString() {
            return title;
        }
    }

    /** A prediction or attribution below this score counts as low confidence. */
    public static final double LOW_CONFIDENCE = 0.5;

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
        queue.clear();
        selected.set(null);
        counts.set(Map.of());
        labelCounts.set(Map.of());
        problem.set("");
    }

    /** Lists the items again by the filter and order, keeping the selected item when it is still listed. */
    public void reload() {
        AnnotationProject p = project.get();
        if (p == null) {
            return;
        }
        attempt(() -> {
            List<Item> all = p.items(ItemFilter.all());
            recount(all);
            List<Item> listed = new ArrayList<>();
            for (Item item : all) {
                if (keeps(item)) {
                    listed.add(item);
                }
            }
            if (order.get() == Order.MODEL_UNCERTAINTY) {
                listed.sort(java.util.Comparator.comparingDouble(AnnotationViewModel::certainty));
            }
            Item was = selected.get();
            queue.setAll(listed);
            Item again = was == null ? null : listed.stream().filter(i -> i.id() == was.id()).findFirst()
                    .orElse(null);
            selected.set(again != null ? again : listed.isEmpty() ? null : listed.get(0));
            return null;
        });
    }

    /** How sure the model was: 1 for items without a score (nothing to doubt), else |score - 0.5| * 2. */
    private static double certainty(Item item) {
        return item.score() == null ? 1 : Math.abs(item.score() - 0.5) * 2;
    }

    private boolean keeps(Item item) {
        if (label.get() != null && !label.get().equals(item.label())) {
            return false;
        }
        return matches(show.get(), item);
    }

    private static boolean matches(Show s, Item item) {
        return switch (s) {
            case ALL -> true;
            case UNREVIEWED -> item.state() == ItemState.UNREVIEWED;
            case REJECTED -> item.state() == ItemState.REJECTED;
            case LOW_CONFIDENCE -> item.score() != null && item.score() < LOW_CONFIDENCE;
        };
    }

    private void recount(List<Item> all) {
        Map<Show, Integer> c = new EnumMap<>(Show.class);
        Map<String, Integer> byLabel = new LinkedHashMap<>();
        for (Show s : Show.values()) {
            c.put(s, 0);
        }
        for (Item item : all) {
            for (Show s : Show.values()) {
                if (matches(s, item)) {
                    c.merge(s, 1, Integer::sum);
                }
            }
            if (item.label() != null) {
                byLabel.merge(item.label(), 1, Integer::sum);
            }
        }
        counts.set(Map.copyOf(c));
        labelCounts.set(java.util.Collections.unmodifiableMap(byLabel));
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

    /** Marks the selected item as checked and right. */
    public void accept() {
        edit(values(ItemField.STATE, ItemState.ACCEPTED));
    }

    /** Marks the selected item as checked and wrong (kept, left out of exports). */
    public void reject() {
        edit(values(ItemField.STATE, ItemState.REJECTED));
    }

    /** Sets the selected item's sentiment label. */
    public void setLabel(String newLabel) {
        edit(values(ItemField.LABEL, newLabel, ItemField.STATE, ItemState.EDITED));
    }

    /**
     * Moves the selected item's boundaries, each snapped to the video's frames ({@link #frameRateProperty()}), as
     * one step; an end before the start is refused with a message and nothing is saved.
     */
    public void setSpan(double start, double end) {
        double s = FrameSnap.snap(start, frameRate.get());
        double e = FrameSnap.snap(end, frameRate.get());
        if (e < s) {
            problem.set(String.format(java.util.Locale.ROOT, "The end (%.3f s) is before the start (%.3f s): "
                    + "nothing was saved. Type an end at or after the start.", e, s));
            return;
        }
        edit(values(ItemField.START, s, ItemField.END, e, ItemField.STATE, ItemState.EDITED));
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

    /** Sets the text of one aspect of the selected item (corrected: the item becomes edited). */
    public void setAspect(Scene scene, String text) {
        edit(values(field(scene), text, ItemField.STATE, ItemState.EDITED));
    }

    /** Sets the selected item's summary. */
    public void setSummary(String text) {
        edit(values(ItemField.SUMMARY, text, ItemField.STATE, ItemState.EDITED));
    }

    /** Rates the selected item's attribution 1-6 (the paper's Atr-R), or removes the rating (null). */
    public void rate(Integer rating) {
        edit(values(ItemField.RATING, rating));
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
        Item changed = queue.stream().filter(i -> i.id() == itemId).findFirst().orElse(null);
        if (changed != null) {
            selected.set(changed);
        }
        return true;
    }

    private void edit(Map<ItemField, ?> values) {
        AnnotationProject p = project.get();
        Item item = selected.get();
        if (p == null || item == null) {
            return;
        }
        if (attempt(() -> p.edit(item.id(), values)) != null) {
            refreshItem(p, item.id());
        }
    }

    /** Field, value, field, value...: a map that, unlike Map.of, takes null (no label, no rating). */
    private static Map<ItemField, Object> values(Object... fieldsAndValues) {
        Map<ItemField, Object> m = new HashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            m.put((ItemField) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return m;
    }

    /** Puts the saved item in the queue and the selection, and counts again. */
    private void refreshItem(AnnotationProject p, long itemId) {
        attempt(() -> {
            Item saved = p.item(itemId);
            for (int i = 0; i < queue.size(); i++) {
                if (queue.get(i).id() == itemId) {
                    queue.set(i, saved);
                }
            }
            Item sel = selected.get();
            if (sel != null && sel.id() == itemId) {
                selected.set(saved);
            }
            recount(p.items(ItemFilter.all()));
            return null;
        });
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

    private static ItemField field(Scene scene) {
        return switch (scene) {
            case FACE -> ItemField.FACE;
            case ACTION -> ItemField.ACTION;
            case OBJECT -> ItemField.OBJECT;
            case BACKGROUND -> ItemField.BACKGROUND;
        };
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
