package org.omnisila.app.workbench;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.omnisila.app.platform.PackageVariant;

/**
 * The line at the bottom of the window: the device and the model that analyses, then the messages of work
 * running in the background (exports, cue overlays).
 */
final class StatusBar extends HBox {

    /** A message of background work, shown in a label with this id. */
    record Message(String id, ObservableStringValue text) {
    }

    /**
     * @param device   "CPU" or "CUDA", empty until known
     * @param model    the model's one-line summary
     * @param messages each shown in a label of its own, in this order
     */
    StatusBar(ObservableStringValue device, ObservableStringValue model, Message... messages) {
        super(16);
        setPadding(new Insets(2, 8, 2, 8));
        Label status = new Label();
        status.setId("status");
        // the device first: a narrow window cuts the long model line, whose whole text is in the tooltip
        status.textProperty().bind(Bindings.createStringBinding(() ->
                (device.get().isEmpty() ? "" : "Device: " + PackageVariant.current().describeDevice(device.get())
                        + "  |  ") + "Model: " + model.get(),
                device, model));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.concat("Model: ", model));
        status.setTooltip(tip);
        // the model line gives way (elided, whole in the tooltip) so that messages of running work show whole
        status.setMinWidth(120);
        javafx.scene.layout.HBox.setHgrow(status, javafx.scene.layout.Priority.SOMETIMES);
        getChildren().add(status);
        for (Message m : messages) {
            Label l = new Label();
            l.setId(m.id());
            l.textProperty().bind(m.text());
            l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            getChildren().add(l);
        }
    }
}
