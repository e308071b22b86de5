package org.omnisila.app.workbench.segment;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/** One row of the segment panel: a name, a horizontal bar for a value in [0, 1], and the value as text. */
final class ValueBar extends HBox {
    static final double BAR_WIDTH = 120;

    ValueBar(String id, String name, double value, String valueText, Color colour) {
        super(6);
        setId(id);
        setAlignment(Pos.CENTER_LEFT);
        Label nameLabel = new Label(name);
        nameLabel.setMinWidth(110);
        nameLabel.setPrefWidth(110);
        Rectangle track = new Rectangle(BAR_WIDTH, 10, Color.web("#E6E6E6"));
        Rectangle fill = new Rectangle(BAR_WIDTH * Math.max(0, Math.min(1, value)), 10, colour);
        StackPane bar = new StackPane(track, fill);
        StackPane.setAlignment(fill, Pos.CENTER_LEFT);
        Label valueLabel = new Label(valueText);
        valueLabel.getStyleClass().add("value");
        getChildren().addAll(nameLabel, bar, valueLabel);
    }

    /** @return the value as shown */
    String valueText() {
        return ((Label) getChildren().get(2)).getText();
    }
}
