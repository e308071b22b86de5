package org.omnisila.app.workbench.player;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;

/**
 * The frame, letterboxed in whatever space the view gets, with an {@link OverlayLayer} over it. Frames are copied
 * into one reused {@link PixelBuffer} (a new one only when the frame size changes), never a new image per frame.
 * FX thread only.
 */
public final class VideoView extends Region {
    private final ImageView image = new ImageView();
    private final OverlayLayer overlay = new OverlayLayer();
    private PixelBuffer<IntBuffer> pixels;
    private WritableImage writable;

    public VideoView() {
        setId("video");
        setMinSize(0, 0);
        setStyle("-fx-background-color: black;");
        image.setSmooth(true);
        getChildren().addAll(image, overlay);
    }

    /** Shows a frame, or nothing for null. */
    public void show(PlayerFrame frame) {
        if (frame == null) {
            pixels = null;
            writable = null;
            image.setImage(null);
            requestLayout();
            return;
        }
        if (pixels == null || pixels.getWidth() != frame.width() || pixels.getHeight() != frame.height()) {
            IntBuffer buffer = ByteBuffer.allocateDirect(frame.width() * frame.height() * 4)
                    .order(ByteOrder.nativeOrder()).asIntBuffer();
            pixels = new PixelBuffer<>(frame.width(), frame.height(), buffer, PixelFormat.getIntArgbPreInstance());
            writable = new WritableImage(pixels);
            image.setImage(writable);
            requestLayout();
        }
        pixels.getBuffer().put(0, frame.argb());
        pixels.updateBuffer(b -> null); // null: the whole buffer changed
    }

    /** The layer on which cue overlays draw. */
    public OverlayLayer overlay() {
        return overlay;
    }

    /** Where the frame is drawn now (scale 0 when there is none). */
    public Letterbox letterbox() {
        return pixels == null ? new Letterbox(0, 0, 0)
                : Letterbox.fit(pixels.getWidth(), pixels.getHeight(), getWidth(), getHeight());
    }

    /** The image shown, or null (for tests: its pixels are the frame's). */
    WritableImage image() {
        return writable;
    }

    @Override
    protected void layoutChildren() {
        Letterbox box = letterbox();
        Rectangle2D picture = Rectangle2D.EMPTY;
        if (pixels != null) {
            picture = box.toView(0, 0, pixels.getWidth(), pixels.getHeight());
            image.setFitWidth(picture.getWidth());
            image.setFitHeight(picture.getHeight());
            image.relocate(picture.getMinX(), picture.getMinY());
        }
        overlay.relocate(0, 0);
        overlay.place(getWidth(), getHeight(), box, picture);
    }
}
