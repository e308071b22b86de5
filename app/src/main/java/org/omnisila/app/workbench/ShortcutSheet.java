package org.omnisila.app.workbench;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;

/**
 * Help > Keyboard shortcuts (F1): every key an analyst repeats, in one table. The keys themselves are handled by
 * {@code PlayerKeys} (player), {@code LocatedKeys} (located sentiments), the timeline view (zoom) and the menus'
 * accelerators; {@link #ROWS} is what the sheet and docs/user-guide.md list.
 */
final class ShortcutSheet {
    /** A key and what it does. */
    record Row(String keys, String does) {
    }

    /** Section headings are rows with empty keys. */
    static final List<Row> ROWS = List.of(
            new Row("", "Player (anywhere except in a text field)"),
            new Row("Space", "play / pause"),
            new Row("Left / Right", "one frame back / forward (pauses)"),
            new Row("Shift+Left / Shift+Right", "one second back / forward"),
            new Row("J", "five seconds back"),
            new Row("K", "pause"),
            new Row("L", "play at 1x; again while playing: the next faster speed, up to 4x"),
            new Row("F", "full screen on / off (Esc also leaves it)"),
            new Row("M", "sound off / on"),
            new Row("", "Located sentiments"),
            new Row("N or Ctrl+Right", "to the start of the next located sentiment"),
            new Row("P or Ctrl+Left", "to the start of the previous located sentiment"),
            new Row("Ctrl+L", "loop the located sentiment (or segment) at the playhead; again: stop looping"),
            new Row("", "Timeline (click it first)"),
            new Row("+ / -", "zoom in / out around the playhead"),
            new Row("Ctrl+wheel", "zoom around the mouse; the wheel alone scrolls"),
            new Row("", "Annotation mode (View > Annotation mode; not while typing in a field)"),
            new Row("A", "accept the item"),
            new Row("R", "reject the item"),
            new Row("Down / Up", "next / previous item of the queue"),
            new Row("S", "play the item's span once"),
            new Row("Ctrl+Z", "undo the last edit"),
            new Row("Ctrl+Shift+Z or Ctrl+Y", "redo"),
            new Row("", "Window"),
            new Row("Ctrl+O", "open a video"),
            new Row("Ctrl+Enter", "analyse the selected video"),
            new Row("Ctrl+I", "ask the model (the instruction box)"),
            new Row("Ctrl+E", "annotation mode on / off"),
            new Row("F1", "this sheet"),
            new Row("Ctrl+Q", "quit"));

    private ShortcutSheet() {
    }

    /** Shows the sheet over the window (not modal: it can stay open while working). */
    static Alert show(Stage owner) {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(3);
        grid.setPadding(new Insets(4));
        int r = 0;
        for (Row row : ROWS) {
            if (row.keys().isEmpty()) {
                Label heading = new Label(row.does());
                heading.setStyle("-fx-font-weight: bold");
                heading.setPadding(new Insets(r == 0 ? 0 : 8, 0, 0, 0));
                grid.add(heading, 0, r++, 2, 1);
            } else {
                Label keys = new Label(row.keys());
                keys.setStyle("-fx-font-family: monospace");
                grid.add(keys, 0, r);
                grid.add(new Label(row.does()), 1, r++);
            }
        }
        Alert sheet = new Alert(Alert.AlertType.INFORMATION);
        sheet.setTitle("Keyboard shortcuts");
        sheet.setHeaderText("Keyboard shortcuts");
        sheet.getDialogPane().setContent(grid);
        sheet.getDialogPane().setId("shortcut-sheet");
        sheet.initModality(javafx.stage.Modality.NONE);
        if (owner.getScene() != null) {
            sheet.initOwner(owner);
        }
        sheet.show();
        return sheet;
    }
}
