package org.omnisila.app.workbench.annotate;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Cursor;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.omnisila.annotator.project.Item;
import org.omnisila.app.workbench.timeline.TimeScale;
import org.omnisila.app.workbench.timeline.TimelineLayout;
import org.omnisila.app.workbench.timeline.TimelineViewModel;

/**
 * The selected item's span drawn over the timeline (a band across the tracks) with a handle at each end. Dragging
 * a handle moves that boundary, snapped to the video's frames, and never past the other one; releasing it saves
 * the new span as one edit ({@link AnnotationViewModel#setSpan(double, double)}). Elsewhere the timeline takes the
 * mouse as before (a click seeks).
 */
public final class SpanOverlay {
    /** A handle's width, pixels: wide enough to grab. */
    static final double HANDLE_WIDTH = 8;

    private final TimelineViewModel timeline;
    private final AnnotationViewModel model;
    private final Rectangle band = new Rectangle();
    private final Rectangle startHandle = handle("span-start-handle");
    private final Rectangle endHandle = handle("span-end-handle");
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown");
    /** The span drawn: the item's, or while dragging, where the handles are. */
    private double start;
    private double end;
    private boolean dragging;

    /**
     * @param overlay  the timeline's overlay layer (as wide and high as its canvas)
     * @param timeline the timeline's state: its scale maps time to x
     * @param model    the annotation state: the selected item, the frame rate, where the span is saved
     */
    public SpanOverlay(Pane overlay, TimelineViewModel timeline, AnnotationViewModel model) {
        this.timeline = timeline;
        this.model = model;
        band.setId("span-band");
        band.setFill(Color.web("#1565C0", 0.18));
        band.setStroke(Color.web("#1565C0"));
        band.setMouseTransparent(true);
        overlay.getChildren().addAll(band, startHandle, endHandle);
        drag(startHandle, true);
        drag(endHandle, false);
        for (Rectangle r : new Rectangle[] {band, startHandle, endHandle}) {
            r.visibleProperty().bind(shown.and(model.selectedProperty().isNotNull()));
        }
        model.selectedProperty().addListener((o, was, now) -> fromItem(now));
        timeline.scaleProperty().addListener((o, was, now) -> layout());
        fromItem(model.selectedProperty().get());
    }

    /** Whether the span is drawn (annotation mode, the item's video in the player). */
    public BooleanProperty shownProperty() {
        return shown;
    }

    private static Rectangle handle(String id) {
        Rectangle r = new Rectangle(HANDLE_WIDTH, TimelineLayout.HEIGHT);
        r.setId(id);
        r.setFill(Color.web("#0D47A1", 0.85));
        r.setCursor(Cursor.H_RESIZE);
        r.setArcWidth(3);
        r.setArcHeight(3);
        return r;
    }

    private void fromItem(Item item) {
        if (item != null && !dragging) {
            start = item.start();
            end = item.end();
        }
        layout();
    }

    private void layout() {
        TimeScale s = timeline.scaleProperty().get();
        double x0 = s.xOf(start);
        double x1 = Math.max(s.xOf(end), x0 + 1);
        band.setX(x0);
        band.setY(0.5);
        band.setWidth(x1 - x0);
        band.setHeight(TimelineLayout.HEIGHT - 1);
        startHandle.setX(x0 - HANDLE_WIDTH);
        endHandle.setX(x1);
    }

    private void drag(Rectangle handle, boolean isStart) {
        handle.setOnMousePressed(e -> {
            dragging = true;
            e.consume();
        });
        handle.setOnMouseDragged(e -> {
            double t = FrameSnap.snap(timeAt(handle, e), model.frameRateProperty().get());
            if (isStart) {
                start = Math.min(t, end);
            } else {
                end = Math.max(t, start);
            }
            layout();
            e.consume();
        });
        handle.setOnMouseReleased(e -> {
            dragging = false;
            Item item = model.selectedProperty().get();
            if (item != null && (start != item.start() || end != item.end())) {
                model.setSpan(start, end);
            }
            fromItem(model.selectedProperty().get()); // what was saved (or, when refused, what was there)
            e.consume();
        });
        handle.setOnMouseClicked(MouseEvent::consume);
    }

    /** The time under the mouse: x in the overlay, which is the canvas' x. */
    private double timeAt(Rectangle handle, MouseEvent e) {
        double x = handle.getParent().sceneToLocal(e.getSceneX(), e.getSceneY()).getX();
        return timeline.scaleProperty().get().timeAt(x);
    }
}
