package org.omnisila.app.workbench;

import java.nio.file.Path;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;

/** A library entry: the file's name, its full path as the tooltip. */
final class LibraryCell extends ListCell<Path> {
    @Override
    protected void updateItem(Path video, boolean empty) {
        super.updateItem(video, empty);
        if (empty || video == null) {
            setText(null);
            setTooltip(null);
        } else {
            setText(video.getFileName().toString());
            setTooltip(new Tooltip(video.toString()));
        }
    }
}
