package org.omnisila.app.workbench.annotate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.review.QueueQuery.Order;
import org.omnisila.annotator.review.QueueQuery.Show;

/**
 * The left side in annotation mode: the project's name, filter chips with their counts (all, unreviewed, rejected,
 * disagreement with a peer, low model confidence), a label choice with counts, the order, and the queue of items
 * (video, span, label, state, score). Selecting an item selects it in the {@link QueueModel}; the window opens its
 * video.
 */
public final class QueueView extends VBox {
    /** The label choice's entry for "any label". */
    static final String ALL_LABELS = "All labels";

    private final AnnotationViewModel model;
    private final QueueModel queue;
    private final ListView<Item> list = new ListView<>();
    private final ComboBox<String> labels = new ComboBox<>();
    private final List<ToggleButton> chips = new ArrayList<>();
    private boolean syncing;

    public QueueView(AnnotationViewModel model) {
        this.model = model;
        this.queue = model.queue();
        setId("annotation-queue");
        setSpacing(4);
        setPadding(new Insets(4));
        setPrefWidth(300);
        Label title = new Label();
        title.setId("annotation-project");
        title.setStyle("-fx-font-weight: bold");
        model.projectProperty().addListener((o, was, now) -> title.setText(now == null
                ? "No annotation project: File > Open annotation project" : now.name()));
        title.setText("No annotation project: File > Open annotation project");
        title.setWrapText(true);

        ToggleGroup group = new ToggleGroup();
        FlowPane chipPane = new FlowPane(4, 4);
        for (Show s : Show.values()) {
            ToggleButton chip = new ToggleButton(title(s));
            chip.setId("queue-show-" + s.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            chip.setToggleGroup(group);
            chip.setUserData(s);
            chip.setFocusTraversable(false);
            chip.setSelected(queue.showProperty().get() == s);
            chip.setOnAction(e -> {
                queue.showProperty().set(s);
                chip.setSelected(true); // a chip stays pressed: one filter is always chosen
            });
            chips.add(chip);
            chipPane.getChildren().add(chip);
        }
        queue.showProperty().addListener((o, was, now) -> chips.forEach(c -> c.setSelected(c.getUserData() == now)));
        queue.countsProperty().addListener((o, was, now) -> showCounts(now));

        labels.setId("queue-label");
        labels.setFocusTraversable(false);
        labels.setMaxWidth(Double.MAX_VALUE);
        labels.getItems().add(ALL_LABELS);
        labels.setValue(ALL_LABELS);
        labels.setOnAction(e -> {
            if (!syncing) {
                String v = labels.getValue();
                queue.labelProperty().set(v == null || v.equals(ALL_LABELS) ? null : labelOf(v));
            }
        });
        queue.labelCountsProperty().addListener((o, was, now) -> fillLabels(now));

        ChoiceBox<Order> order = new ChoiceBox<>();
        order.setId("queue-order");
        order.setFocusTraversable(false);
        order.getItems().setAll(Order.values());
        order.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Order o) {
                return o == null ? "" : o == Order.VIDEO_TIME ? "By video and time" : "By model uncertainty";
            }

            @Override
            public Order fromString(String text) {
                throw new UnsupportedOperationException("the order is chosen, not typed");
            }
        });
        order.valueProperty().bindBidirectional(queue.orderProperty());

        list.setId("queue-list");
        list.setItems(queue.items());
        list.setCellFactory(l -> new ItemCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (!syncing && now != null) {
                queue.select(now);
            }
        });
        model.selectedProperty().addListener((o, was, now) -> showSelected(now));
        queue.items().addListener((javafx.collections.ListChangeListener<Item>) c -> showSelected(
                model.selectedProperty().get()));
        getChildren().addAll(title, chipPane, labels, order, list);
    }

    /** The list of items (for tests). */
    public ListView<Item> list() {
        return list;
    }

    private void showSelected(Item item) {
        syncing = true;
        try {
            if (item == null) {
                list.getSelectionModel().clearSelection();
                return;
            }
            for (int i = 0; i < list.getItems().size(); i++) {
                if (list.getItems().get(i).id() == item.id()) {
                    list.getSelectionModel().select(i);
                    list.scrollTo(Math.max(0, i - 3));
                    return;
                }
            }
            list.getSelectionModel().clearSelection();
        } finally {
            syncing = false;
        }
    }

    private void showCounts(Map<Show, Integer> counts) {
        for (ToggleButton chip : chips) {
            Show s = (Show) chip.getUserData();
            Integer n = counts.get(s);
            chip.setText(n == null ? title(s) : title(s) + " " + n);
        }
    }

    private void fillLabels(Map<String, Integer> counts) {
        syncing = true;
        try {
            String chosen = queue.labelProperty().get();
            labels.getItems().setAll(ALL_LABELS);
            String keep = ALL_LABELS;
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                String entry = e.getKey() + " (" + e.getValue() + ")";
                labels.getItems().add(entry);
                if (e.getKey().equals(chosen)) {
                    keep = entry;
                }
            }
            labels.setValue(keep);
        } finally {
            syncing = false;
        }
    }

    /** A chip's text, without its count. */
    static String title(Show s) {
        return switch (s) {
            case ALL -> "All";
            case UNREVIEWED -> "Unreviewed";
            case REJECTED -> "Rejected";
            case DISAGREEMENT -> "Disagreement";
            case LOW_CONFIDENCE -> "Low confidence";
        };
    }

    /** "negative (12)" is the label "negative". */
    private static String labelOf(String entry) {
        int paren = entry.lastIndexOf(" (");
        return paren < 0 ? entry : entry.substring(0, paren);
    }

    /** One line of the queue. */
    static String describe(Item item) {
        String video = fileName(item.videoPath());
        String score = item.score() == null ? "" : String.format(Locale.ROOT, "  %.2f", item.score());
        return String.format(Locale.ROOT, "%s  %.2f-%.2f s  %s  %s%s%s", video, item.start(), item.end(),
                item.label() == null ? "(no label)" : item.label(), item.state().dbName(), score,
                item.rating() == null ? "" : "  rated " + item.rating());
    }

    private static String fileName(String path) {
        try {
            Path name = Path.of(path).getFileName();
            return name == null ? path : name.toString();
        } catch (java.nio.file.InvalidPathException e) {
            return path;
        }
    }

    private static final class ItemCell extends ListCell<Item> {
        @Override
        protected void updateItem(Item item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : describe(item));
        }
    }
}
