package org.omnisila.app.workbench.player;

import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * A transparent canvas over the whole video view on which boxes given in source pixels are drawn where the
 * letterboxed frame shows them. Ignores the mouse.
 */
public final class OverlayLayer extends Canvas {
    private static final Color BOX = Color.rgb(255, 200, 0);
    private List<OverlayBox> boxes = List.of();
    private Letterbox letterbox = new Letterbox(0, 0, 0);

    OverlayLayer() {
        setMouseTransparent(true);
    }

    /** Replaces the boxes drawn; source pixels of the frame shown. */
    public void draw(List<OverlayBox> newBoxes) {
        boxes = List.copyOf(newBoxes);
        redraw();
    }

    /** Follows the view's size and the frame's place in it. */
    void place(double width, double height, Letterbox placement) {
        setWidth(width);
        setHeight(height);
        letterbox = placement;
        redraw();
    }

    private void redraw() {
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        g.setStroke(BOX);
        g.setFill(BOX);
        g.setLineWidth(2);
        g.setTextBaseline(VPos.BOTTOM);
        for (OverlayBox b : boxes) {
            Rectangle2D r = letterbox.toView(b.x(), b.y(), b.width(), b.height());
            g.strokeRect(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
            if (!b.label().isEmpty()) {
                g.fillText(b.label(), r.getMinX(), r.getMinY() - 2);
            }
        }
    }
}
