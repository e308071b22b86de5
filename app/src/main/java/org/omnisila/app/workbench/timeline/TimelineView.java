package org.omnisila.app.workbench.timeline;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.Scene;

/**
 * The timeline under the video: legend, canvas ({@link TimelineRenderer}), scroll bar, hover line. It only turns
 * input into calls on its {@link TimelineViewModel} and redraws when the model changes.
 *
 * <p>Mouse: wheel scrolls, ctrl+wheel zooms around the mouse, a click seeks (see the view model). Keys (when the
 * timeline has focus): + / - zoom around the playhead (or the centre when it is out of view). Moving between
 * located sentiments (N, P) works in the whole window: {@link LocatedKeys}.
 */
public final class TimelineView extends VBox {
    /** Zoom factor of one wheel notch or one +/- key press. */
    public static final double ZOOM_STEP = 1.25;

    private final TimelineViewModel model;
    private final Canvas canvas = new Canvas(1, TimelineLayout.HEIGHT);
    private final TimelineRenderer renderer = new TimelineRenderer();
    private final ScrollBar scrollBar = new ScrollBar();
    private final Label hover = new Label();
    private final FlowPane legend = new FlowPane(10, 2);
    private final Pane overlay = new Pane();
    private boolean syncing;

    public TimelineView(TimelineViewModel model) {
        this.model = model;
        setId("timeline");
        setFocusTraversable(true);
        setPadding(new Insets(2, 4, 2, 4));
        setSpacing(2);
        canvas.setId("timeline-canvas");
        overlay.setId("timeline-overlay");
        overlay.setPickOnBounds(false); // only what is drawn on it takes the mouse; the rest goes to the canvas
        overlay.setManaged(false);
        Pane holder = new Pane(canvas, overlay);
        holder.setMinHeight(TimelineLayout.HEIGHT);
        holder.setPrefHeight(TimelineLayout.HEIGHT);
        holder.widthProperty().addListener((o, was, now) -> {
            canvas.setWidth(now.doubleValue());
            overlay.resize(now.doubleValue(), TimelineLayout.HEIGHT);
            model.setWidth(now.doubleValue());
        });
        scrollBar.setId("timeline-scroll");
        scrollBar.setOrientation(Orientation.HORIZONTAL);
        scrollBar.valueProperty().addListener((o, was, now) -> {
            if (!syncing) {
                model.scaleProperty().set(model.scaleProperty().get().withOffset(now.doubleValue()));
            }
        });
        hover.setId("timeline-hover");
        hover.textProperty().bind(model.hoverTextProperty());
        getChildren().addAll(legend, holder, scrollBar, hover);

        model.scaleProperty().addListener((o, was, now) -> {
            syncScrollBar();
            redraw();
        });
        model.dataProperty().addListener((o, was, now) -> {
            fillLegend();
            redraw();
        });
        model.playheadProperty().addListener((o, was, now) -> redraw());
        model.selectedLocatedProperty().addListener((o, was, now) -> redraw());

        canvas.setOnMouseClicked(this::clicked);
        canvas.setOnMouseMoved(e -> model.hover(e.getX(), e.getY()));
        canvas.setOnMouseExited(e -> model.hover(Double.NaN, Double.NaN));
        canvas.setOnScroll(this::scrolled);
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        fillLegend();
        syncScrollBar();
    }

    public TimelineViewModel model() {
        return model;
    }

    /** @return the canvas (for tests and the benchmark) */
    public Canvas canvas() {
        return canvas;
    }

    /**
     * A layer over the canvas, as wide and high, for what another view draws on the timeline (the span being
     * annotated and its handles); it takes the mouse only where it has children, so clicks elsewhere still seek.
     */
    public Pane overlay() {
        return overlay;
    }

    /** Draws the current state now. */
    public void redraw() {
        TimeScale scale = model.scaleProperty().get();
        if (canvas.getWidth() < 1) {
            return;
        }
        renderer.draw(canvas.getGraphicsContext2D(), model.dataProperty().get(),
                scale.withWidth(canvas.getWidth()), model.playheadProperty().get(),
                model.selectedLocatedProperty().get());
    }

    private void clicked(MouseEvent e) {
        requestFocus();
        if (e.isStillSincePress()) {
            model.click(e.getX(), e.getY());
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.isControlDown() || e.isShortcutDown()) {
            if (e.getDeltaY() != 0) {
                model.zoom(e.getX(), e.getDeltaY() > 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
            }
        } else {
            // A vertical wheel scrolls the timeline sideways; a horizontal one (touchpad) too.
            double d = e.getDeltaX() != 0 ? -e.getDeltaX() : -e.getDeltaY();
            model.scroll(d);
        }
        e.consume();
    }

    private void keyPressed(KeyEvent e) {
        KeyCode code = e.getCode();
        boolean handled = true;
        if (code == KeyCode.PLUS || code == KeyCode.EQUALS || code == KeyCode.ADD) {
            model.zoom(zoomAnchor(), ZOOM_STEP);
        } else if (code == KeyCode.MINUS || code == KeyCode.SUBTRACT) {
            model.zoom(zoomAnchor(), 1 / ZOOM_STEP);
        } else {
            handled = false;
        }
        if (handled) {
            e.consume();
        }
    }

    /** The playhead's x when it is in view, else the centre. */
    private double zoomAnchor() {
        TimeScale s = model.scaleProperty().get();
        double x = s.xOf(model.playheadProperty().get());
        return x >= 0 && x <= s.width() ? x : s.width() / 2;
    }

    private void syncScrollBar() {
        TimeScale s = model.scaleProperty().get();
        syncing = true;
        scrollBar.setMin(0);
        scrollBar.setMax(Math.max(0, s.duration() - s.visibleSeconds()));
        scrollBar.setVisibleAmount(s.visibleSeconds());
        scrollBar.setUnitIncrement(s.visibleSeconds() / 20);
        scrollBar.setBlockIncrement(s.visibleSeconds() * 0.9);
        scrollBar.setValue(s.offset());
        scrollBar.setDisable(s.zoom() <= 1);
        syncing = false;
    }

    /** The labels that occur in this analysis (known ones in palette order), then the four scenes. */
    private void fillLegend() {
        legend.getChildren().clear();
        TimelineData d = model.dataProperty().get();
        if (d == null) {
            return;
        }
        Set<String> present = new LinkedHashSet<>();
        for (LocatedSentiment l : d.located()) {
            present.add(l.label());
        }
        for (Map.Entry<String, Color> e : LabelPalette.labels().entrySet()) {
            if (present.remove(e.getKey())) {
                legend.getChildren().add(swatch(e.getKey(), e.getValue()));
            }
        }
        present.forEach(label -> legend.getChildren().add(swatch(label, LabelPalette.OTHER)));
        for (Scene s : Scene.values()) {
            legend.getChildren().add(swatch("P " + s.jsonName(), LabelPalette.of(s)));
        }
    }

    private static Label swatch(String text, Color colour) {
        Rectangle r = new Rectangle(10, 10, colour);
        r.setStroke(Color.web("#555555"));
        Label l = new Label(text, r);
        l.getStyleClass().add("legend-item");
        return l;
    }
}
