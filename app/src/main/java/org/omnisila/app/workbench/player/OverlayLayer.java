package org.omnisila.app.workbench.player;

import java.util.List;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;

/**
 * A transparent canvas over the whole video view on which {@link OverlayShape}s given in source pixels are drawn
 * where the letterboxed frame shows them. A person mask first, underneath: the picture tinted in
 * {@link OverlayKind#MASK}'s colour with opacity {@value #MASK_OPACITY} times the person probability, the mask
 * stretched over the picture (smoothed). Then boxes, lines and labels in their kind's colour, each over a thin dark
 * outline (all outlines first, so that no outline covers another shape's colour). Ignores the mouse.
 */
public final class OverlayLayer extends Canvas {
    /** Opacity of the mask's tint where the person probability is 1. */
    public static final double MASK_OPACITY = 0.45;
    private static final Color OUTLINE = Color.rgb(0, 0, 0, 0.7);
    private static final double LINE = 2;
    private static final double OUTLINED = 4;
    private List<OverlayShape> shapes = List.of();
    private Letterbox letterbox = new Letterbox(0, 0, 0);
    private Rectangle2D picture = Rectangle2D.EMPTY;
    /** The tint of the last mask drawn, reused while masks keep their size. */
    private WritableImage tint;

    OverlayLayer() {
        setMouseTransparent(true);
    }

    /**
     * Replaces the shapes drawn; source pixels of the frame shown. The same shapes again (the player's time moved
     * but the nearest sampled frame did not) are not drawn again: a mask's tint costs tens of milliseconds in
     * Prism's software pipeline.
     */
    public void draw(List<? extends OverlayShape> newShapes) {
        if (newShapes.equals(shapes)) {
            return;
        }
        shapes = List.copyOf(newShapes);
        redraw();
    }

    /**
     * Follows the view's size and the frame's place in it.
     *
     * @param placement where source pixels land
     * @param frame     the picture's rectangle in the view (empty when no frame is shown)
     */
    void place(double width, double height, Letterbox placement, Rectangle2D frame) {
        setWidth(width);
        setHeight(height);
        letterbox = placement;
        picture = frame;
        redraw();
    }

    private void redraw() {
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        for (OverlayShape s : shapes) {
            if (s instanceof OverlayMask m) {
                tint(g, m);
            }
        }
        g.setLineCap(StrokeLineCap.ROUND);
        g.setTextBaseline(VPos.BOTTOM);
        stroke(g, true);
        stroke(g, false);
    }

    /** Every box, line and label: their dark outlines, or themselves in their colours. */
    private void stroke(GraphicsContext g, boolean outline) {
        g.setLineWidth(outline ? OUTLINED : LINE);
        for (OverlayShape s : shapes) {
            if (s instanceof OverlayBox b) {
                colour(g, outline ? OUTLINE : b.kind().colour());
                Rectangle2D r = letterbox.toView(b.x(), b.y(), b.width(), b.height());
                g.strokeRect(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
                label(g, b.label(), r.getMinX(), r.getMinY() - 2, outline);
            } else if (s instanceof OverlayLine l) {
                colour(g, outline ? OUTLINE : l.kind().colour());
                Point2D a = letterbox.toView(l.x1(), l.y1());
                Point2D b = letterbox.toView(l.x2(), l.y2());
                g.strokeLine(a.getX(), a.getY(), b.getX(), b.getY());
            }
        }
    }

    private static void colour(GraphicsContext g, Color c) {
        g.setStroke(c);
        g.setFill(c);
    }

    private static void label(GraphicsContext g, String text, double x, double y, boolean outline) {
        if (text.isEmpty()) {
            return;
        }
        if (outline) {
            g.strokeText(text, x, y);
        } else {
            g.fillText(text, x, y);
        }
    }

    /** The mask's cells as tint pixels (alpha from the probability), stretched over the picture. */
    private void tint(GraphicsContext g, OverlayMask m) {
        if (picture.getWidth() <= 0 || picture.getHeight() <= 0) {
            return;
        }
        if (tint == null || tint.getWidth() != m.width() || tint.getHeight() != m.height()) {
            tint = new WritableImage(m.width(), m.height());
        }
        Color c = OverlayKind.MASK.colour();
        int rgb = (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
        byte[] values = m.values();
        int[] argb = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            argb[i] = (int) Math.round((values[i] & 0xff) * MASK_OPACITY) << 24 | rgb;
        }
        tint.getPixelWriter().setPixels(0, 0, m.width(), m.height(), PixelFormat.getIntArgbInstance(), argb, 0,
                m.width());
        g.drawImage(tint, picture.getMinX(), picture.getMinY(), picture.getWidth(), picture.getHeight());
    }
}
