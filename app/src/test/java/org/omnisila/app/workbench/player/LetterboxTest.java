package org.omnisila.app.workbench.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

class LetterboxTest {

    @Test
    void aWideFrameInATallViewGetsBarsAboveAndBelow() {
        // 640x360 in 800x600: scale 800/640 = 1.25, picture 800x450, bars of (600-450)/2 = 75 above and below
        Letterbox box = Letterbox.fit(640, 360, 800, 600);
        assertEquals(new Letterbox(1.25, 0, 75), box);
        Rectangle2D face = box.toView(100, 40, 64, 80);
        assertEquals(new Rectangle2D(125, 125, 80, 100), face);
    }

    @Test
    void aTallFrameInAWideViewGetsBarsLeftAndRight() {
        // 360x640 (a phone video) in 1000x400: scale 400/640 = 0.625, picture 225 wide, bars of 387.5
        Letterbox box = Letterbox.fit(360, 640, 1000, 400);
        assertEquals(0.625, box.scale(), 1e-12);
        assertEquals(387.5, box.offsetX(), 1e-12);
        assertEquals(0, box.offsetY(), 1e-12);
        assertEquals(387.5 + 360 * 0.625, box.viewX(360), 1e-12);
        assertEquals(400, box.viewY(640), 1e-12);
    }

    @Test
    void aLinesEndsLandWhereABoxsCornersDo() {
        // 640x360 in 800x600: scale 1.25, bars of 75 above and below; a bone from (100, 40) to (164, 120)
        Letterbox box = Letterbox.fit(640, 360, 800, 600);
        assertEquals(new Point2D(125, 125), box.toView(100, 40));
        assertEquals(new Point2D(205, 225), box.toView(164, 120));
        Rectangle2D spanned = box.toView(100, 40, 64, 80);
        assertEquals(new Point2D(spanned.getMaxX(), spanned.getMaxY()), box.toView(164, 120));
        // 360x640 in 1000x400: scale 0.625, bars of 387.5 left and right; the frame's corners
        Letterbox tall = Letterbox.fit(360, 640, 1000, 400);
        assertEquals(new Point2D(387.5, 0), tall.toView(0, 0));
        assertEquals(new Point2D(612.5, 400), tall.toView(360, 640));
    }

    @Test
    void anEmptyViewShowsNothingAndABadSourceIsRefused() {
        assertEquals(0, Letterbox.fit(640, 360, 0, 0).scale());
        assertThrows(IllegalArgumentException.class, () -> Letterbox.fit(0, 360, 800, 600));
    }
}
