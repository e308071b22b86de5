package org.omnisila.app.workbench.annotate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemFilter;
import org.omnisila.annotator.project.ProjectException;
import org.omnisila.annotator.review.QueueQuery;
import org.omnisila.annotator.review.QueueQuery.Order;
import org.omnisila.annotator.review.QueueQuery.Show;
import org.omnisila.annotator.review.ReviewQueue;

/**
 * The review queue of annotation mode: the items the filter (chip, label) keeps in the order chosen, the chips' and
 * labels' counts, and the item selected, as JavaFX properties ({@link ReviewQueue} does the querying). Listing and
 * counting run on the background executor (a project of 100,000 items takes seconds) and are shown on the FX
 * executor; of several reloads asked for, only the latest is shown. Touches no control.
 */
public final class QueueModel {
    private final Executor background;
    private final Executor fx;
    private final Consumer<String> problem;
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Item> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ObjectProperty<Show> show = new SimpleObjectProperty<>(this, "show", Show.ALL);
    private final ObjectProperty<String> label = new SimpleObjectProperty<>(this, "label");
    private final ObjectProperty<Order> order = new SimpleObjectProperty<>(this, "order", Order.VIDEO_TIME);
    private final ReadOnlyObjectWrapper<Map<Show, Integer>> counts = new ReadOnlyObjectWrapper<>(this, "counts",
            Map.of());
    private final ReadOnlyObjectWrapper<Map<String, Integer>> labelCounts = new ReadOnlyObjectWrapper<>(this,
            "labelCounts", Map.of());
    /** The project listed and its queue; null while none is open. */
    private AnnotationProject project;
    private ReviewQueue reviewQueue;
    /** Counts the reloads asked for: only the latest one's result is shown. */
    private int reloads;

    /**
     * @param background lists and counts (the project's thread in the window)
     * @param fx         where the properties change
     * @param problem    told why the project could not be read (user-ready)
     */
    QueueModel(Executor background, Executor fx, Consumer<String> problem) {
        this.background = background;
        this.fx = fx;
        this.problem = problem;
        show.addListener((o, was, now) -> reload());
        label.addListener((o, was, now) -> reload());
        order.addListener((o, was, now) -> reload());
    }

    /** Lists the items of a project just opened. */
    void attach(AnnotationProject opened) {
        project = opened;
        reviewQueue = new ReviewQueue(opened);
        reload();
    }

    /** Empties the queue: the project is closing. */
    void detach() {
        project = null;
        reviewQueue = null;
        items.clear();
        selected.set(null);
        counts.set(Map.of());
        labelCounts.set(Map.of());
    }

    /** Lists the items again by the filter and order, keeping the selected item when it is still listed. */
    public void reload() {
        AnnotationProject p = project;
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
                    if (reload != reloads || project != p) {
                        return; // another reload, or another project, since
                    }
                    Item was = selected.get();
                    items.setAll(listed);
                    Item again = was == null ? null : listed.stream().filter(i -> i.id() == was.id()).findFirst()
                            .orElse(null);
                    selected.set(again != null ? again : listed.isEmpty() ? null : listed.get(0));
                    counts.set(c);
                    labelCounts.set(byLabel);
                });
            } catch (ProjectException | IllegalArgumentException | IllegalStateException e) {
                tell(p, e);
            }
        });
    }

    /**
     * Counts the chips (for the label chosen) and, when asked, the labels again, on the background executor: at
     * 100,000 items the counts take tens of milliseconds, which an edit should not wait for.
     */
    void recount(boolean labelsToo) {
        AnnotationProject p = project;
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
                    if (project == p) {
                        counts.set(c);
                        if (byLabel != null) {
                            labelCounts.set(byLabel);
                        }
                    }
                });
            } catch (ProjectException | IllegalStateException e) {
                tell(p, e);
            }
        });
    }

    private void tell(AnnotationProject p, RuntimeException e) {
        fx.execute(() -> {
            if (project == p) {
                problem.accept(e.getMessage());
            }
        });
    }

    private QueueQuery query() {
        return QueueQuery.all().withShow(show.get()).withLabel(label.get()).withOrder(order.get());
    }

    /** How many items have each label, in order of first appearance. */
    private static Map<String, Integer> labelCounts(AnnotationProject p) {
        Map<String, Integer> byLabel = new LinkedHashMap<>();
        for (Item item : p.items(ItemFilter.all())) {
            if (item.label() != null) {
                byLabel.merge(item.label(), 1, Integer::sum);
            }
        }
        return Collections.unmodifiableMap(byLabel);
    }

    /** Puts an item as saved in its place in the queue and, when it is the one selected, in the selection. */
    void put(Item saved) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id() == saved.id()) {
                items.set(i, saved);
            }
        }
        Item sel = selected.get();
        if (sel != null && sel.id() == saved.id()) {
            selected.set(saved);
        }
    }

    /** Selects an item (null: none). */
    public void select(Item item) {
        selected.set(item);
    }

    /** Selects the item with this id when it is listed; false when it is not. */
    boolean selectId(long id) {
        for (Item item : items) {
            if (item.id() == id) {
                selected.set(item);
                return true;
            }
        }
        return false;
    }

    /** Selects the next item; false at the end. */
    public boolean next() {
        return move(1);
    }

    /** Selects the previous item; false at the start. */
    public boolean previous() {
        return move(-1);
    }

    private boolean move(int by) {
        Item sel = selected.get();
        int i = sel == null ? -1 : items.stream().map(Item::id).toList().indexOf(sel.id());
        int to = i < 0 ? (items.isEmpty() ? -1 : 0) : i + by;
        if (to < 0 || to >= items.size()) {
            return false;
        }
        selected.set(items.get(to));
        return true;
    }

    /** The items the filter keeps, in the order chosen; edits replace an item in place. */
    public ObservableList<Item> items() {
        return FXCollections.unmodifiableObservableList(items);
    }

    /** The item selected, as saved, or null. */
    public ReadOnlyObjectProperty<Item> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Which items are listed. */
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

    /** How many items each chip would list, with the label chosen. */
    public ReadOnlyObjectProperty<Map<Show, Integer>> countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** How many items of the project have each label, in order of first appearance. */
    public ReadOnlyObjectProperty<Map<String, Integer>> labelCountsProperty() {
        return labelCounts.getReadOnlyProperty();
    }
}
