package org.omnisila.app.workbench.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelReader;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.omnisila.app.workbench.timeline.HeadlessFx;

/**
 * What the layer really paints (a snapshot of the canvas on a transparent background): a 100x50 frame in a
 * 200x200 view, scale 2 with bars of 50 above and below, so source (x, y) lands at (2x, 50 + 2y).
 */
class OverlayLayerTest {
    private static final Letterbox PLACE = Letterbox.fit(100, 50, 200, 200);
    private static final Rectangle2D PICTURE = PLACE.toView(0, 0, 100, 50);

    @BeforeAll
    static void fx() {
        HeadlessFx.start();
    }

    private static PixelReader paint(List<OverlayShape> shapes) {
        return HeadlessFx.call(() -> {
            OverlayLayer layer = new OverlayLayer();
            layer.place(200, 200, PLACE, PICTURE);
            layer.draw(shapes);
            SnapshotParameters transparent = new SnapshotParameters();
            transparent.setFill(Color.TRANSPARENT);
            return layer.snapshot(transparent, null).getPixelReader();
        });
    }

    private static void assertColour(Color expected, Color actual, double opacity, String where) {
        String text = where + ": " + actual;
        assertEquals(expected.getRed(), actual.getRed(), 0.02, text);
        assertEquals(expected.getGreen(), actual.getGreen(), 0.02, text);
        assertEquals(expected.getBlue(), actual.getBlue(), 0.02, text);
        assertEquals(opacity, actual.getOpacity(), 0.02, text);
    }

    @Test
    void aLineIsPaintedInItsKindsColourWhereTheLetterboxPutsIt() {
        assertEquals(new Rectangle2D(0, 50, 200, 100), PICTURE);
        // source (10, 10) - (90, 10): view (20, 70) - (180, 70), 2 px wide over a 4-px dark outline
        PixelReader pixels = paint(List.of(new OverlayLine(10, 10, 90, 10, OverlayKind.POSE)));
        assertColour(OverlayKind.POSE.colour(), pixels.getColor(100, 70), 1, "on the line");
        assertColour(OverlayKind.POSE.colour(), pixels.getColor(100, 69), 1, "on the line");
        Color outline = pixels.getColor(100, 68); // the outline's own row (4 px wide: 68 to 72), beyond the line
        assertTrue(outline.getOpacity() > 0.5 && outline.getBrightness() < 0.2, "dark outline: " + outline);
        assertEquals(0, pixels.getColor(100, 100).getOpacity(), "off the line: transparent");
        assertEquals(0, pixels.getColor(100, 20).getOpacity(), "in the bar above: transparent");
        assertEquals(0, pixels.getColor(100, 10).getOpacity(), "where the line would be without the bar");
    }

    /** 8x4 cells, 25x25 view pixels each: the left half of the frame is person (255), the right half not (0). */
    private static OverlayMask leftHalf() {
        byte[] values = new byte[8 * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) (i % 8 < 4 ? 255 : 0);
        }
        return new OverlayMask(8, 4, values);
    }

    @Test
    void theMaskTintsWherePeopleAreAndNowhereElse() {
        PixelReader pixels = paint(List.of(leftHalf()));
        assertColour(OverlayKind.MASK.colour(), pixels.getColor(40, 100), OverlayLayer.MASK_OPACITY, "person");
        assertColour(OverlayKind.MASK.colour(), pixels.getColor(80, 130), OverlayLayer.MASK_OPACITY, "person");
        assertEquals(0, pixels.getColor(160, 100).getOpacity(), 0.01, "background: untouched");
        assertEquals(0, pixels.getColor(40, 30).getOpacity(), "the bar above the picture: untouched");
        assertEquals(0, pixels.getColor(40, 170).getOpacity(), "the bar below: untouched");
        double edge = pixels.getColor(100, 100).getOpacity(); // the cells are stretched smoothly
        assertTrue(edge > 0.05 && edge < OverlayLayer.MASK_OPACITY - 0.05, "on the person's edge: " + edge);
    }

    @Test
    void boxesAndLinesAreDrawnOverTheMask() {
        PixelReader pixels = paint(List.of(new OverlayBox(5, 10, 20, 20, "", OverlayKind.FACE), leftHalf()));
        // the box's left edge: source x 5 -> view 10, from y 70 to 110
        assertColour(OverlayKind.FACE.colour(), pixels.getColor(10, 90), 1, "box edge over the tint");
        assertColour(OverlayKind.MASK.colour(), pixels.getColor(30, 90), OverlayLayer.MASK_OPACITY, "inside");
    }
}
