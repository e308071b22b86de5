package org.omnisila.engine.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Still images read through OpenCV as RGB, checked against pixels written by ImageIO (lossless PNG). */
class ImageFilesTest {
    @Test
    void pngPixelsComeBackAsRgbInRowOrder(@TempDir Path dir) throws Exception {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        int[] colours = {0xff0000, 0x00ff00, 0x0000ff, 0x102030, 0xffffff, 0x000000};
        for (int i = 0; i < colours.length; i++) {
            image.setRGB(i % 3, i / 3, colours[i]);
        }
        Path file = dir.resolve("0.png");
        ImageIO.write(image, "png", file.toFile());
        RgbImage read = ImageFiles.read(file);
        assertEquals(3, read.width());
        assertEquals(2, read.height());
        byte[] want = new byte[18];
        for (int i = 0; i < colours.length; i++) {
            want[3 * i] = (byte) (colours[i] >> 16);
            want[3 * i + 1] = (byte) (colours[i] >> 8);
            want[3 * i + 2] = (byte) colours[i];
        }
        assertArrayEquals(want, read.rgb());
    }

    @Test
    void missingAndUnreadableFilesAreNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("none.jpg");
        VideoFormatException e = assertThrows(VideoFormatException.class, () -> ImageFiles.read(missing));
        assertTrue(e.getMessage().contains("none.jpg") && e.getMessage().contains("not found"), e.getMessage());
        Path garbage = Files.writeString(dir.resolve("1.jpg"), "not a picture");
        e = assertThrows(VideoFormatException.class, () -> ImageFiles.read(garbage));
        assertTrue(e.getMessage().contains("1.jpg") && e.getMessage().contains("not an image"), e.getMessage());
    }
}
