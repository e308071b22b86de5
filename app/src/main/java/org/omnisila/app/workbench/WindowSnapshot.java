package org.omnisila.app.workbench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Writes a PNG of the window's scene after a delay and then closes the application: what
 * {@code docs/screenshots.sh} uses to put real pictures of the running workbench into the user guide.
 */
final class WindowSnapshot {
    private WindowSnapshot() {
    }

    /** After {@code delaySeconds} on the FX clock, snapshots {@code scene} to {@code png} and exits. */
    static void later(Scene scene, Path png, double delaySeconds) {
        PauseTransition wait = new PauseTransition(Duration.seconds(delaySeconds));
        wait.setOnFinished(e -> {
            try {
                write(scene.snapshot(null), png);
            } finally {
                Platform.exit();
            }
        });
        wait.play();
    }

    static void write(WritableImage image, Path png) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            BufferedImage rgb = SwingFXUtils.fromFXImage(image, null);
            BufferedImage opaque = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_INT_RGB);
            opaque.getGraphics().drawImage(rgb, 0, 0, null);
            if (!ImageIO.write(opaque, "png", png.toFile())) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the screenshot " + png + ": " + e.getMessage(), e);
        }
    }
}
