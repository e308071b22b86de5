package org.omnisila.app.workbench.player;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;

/**
 * Where a video frame lands in a view that keeps its aspect ratio: scaled by {@code scale} and centred, with bars
 * left and right (a tall view) or above and below (a wide one). It maps source pixels (the frame as decoded and
 * turned upright, the coordinates of {@code omnisila scenes}' cues) to view pixels, for the image and the overlays
 * alike.
 *
 * @param scale   view pixels per source pixel; &gt;= 0 (0 for an empty view)
 * @param offsetX left edge of the picture in the view, view pixels
 * @param offsetY top edge of the picture in the view, view pixels
 */
public record Letterbox(double scale, double offsetX, double offsetY) {

    /**
     * The largest centred fit of a {@code sourceWidth x sourceHeight} frame in a {@code viewWidth x viewHeight} view.
     *
     * @throws IllegalArgumentException when the source size is not positive or the view size is negative
     */
    public static Letterbox fit(double sourceWidth, double sourceHeight, double viewWidth, double viewHeight) {
        if (!(sourceWidth > 0) || !(sourceHeight > 0) || !(viewWidth >= 0) || !(viewHeight >= 0)) {
            throw new IllegalArgumentException("need a positive source size and a view size >= 0; got source "
                    + sourceWidth + "x" + sourceHeight + ", view " + viewWidth + "x" + viewHeight);
        }
        double scale = Math.min(viewWidth / sourceWidth, viewHeight / sourceHeight);
        return new Letterbox(scale, (viewWidth - sourceWidth * scale) / 2, (viewHeight - sourceHeight * scale) / 2);
    }

    /** A source x coordinate in view pixels. */
    public double viewX(double sourceX) {
        return offsetX + sourceX * scale;
    }

    /** A source y coordinate in view pixels. */
    public double viewY(double sourceY) {
        return offsetY + sourceY * scale;
    }

    /** A point in source pixels (a line's end, say) in view pixels. */
    public Point2D toView(double x, double y) {
        return new Point2D(viewX(x), viewY(y));
    }

    /** A rectangle in source pixels (x, y of its top-left corner, width, height) in view pixels. */
    public Rectangle2D toView(double x, double y, double width, double height) {
        return new Rectangle2D(viewX(x), viewY(y), width * scale, height * scale);
    }
}
