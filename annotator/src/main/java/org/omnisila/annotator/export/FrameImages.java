package org.omnisila.annotator.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.omnisila.engine.video.FrameReader;
import org.omnisila.engine.video.RgbImage;

/**
 * Writes the eight frames of an item's window as images: frame k (0..7) is the one {@link FrameReader} shows at the
 * middle of the k-th eighth of the window, {@code start + (k + 0.5) x length / 8}, named {@code k.jpg} or
 * {@code k.png}. The encoders are javax.imageio's, which give the same bytes for the same pixels.
 */
final class FrameImages {

    /** Frames per item, as Video-LLaVA samples a clip. */
    static final int FRAMES = 8;
    private static final float JPEG_QUALITY = 0.9f;

    private FrameImages() {
    }

    /**
     * @param dir where the images go (created by the caller)
     * @return the files written, in time order
     */
    static List<Path> write(FrameReader reader, MediaWindow window, ImageFormat format, Path dir) throws IOException {
        List<Path> files = new ArrayList<>(FRAMES);
        for (int k = 0; k < FRAMES; k++) {
            RgbImage image = reader.frameAt(window.start() + (k + 0.5) * window.length() / FRAMES).image();
            Path file = dir.resolve(k + "." + format.extension());
            writeImage(toBuffered(image), format, file);
            files.add(file);
        }
        return files;
    }

    private static void writeImage(BufferedImage image, ImageFormat format, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format.imageIoName()).next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == ImageFormat.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static BufferedImage toBuffered(RgbImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        byte[] rgb = image.rgb();
        int[] pixels = new int[image.width() * image.height()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (rgb[3 * i] & 0xff) << 16 | (rgb[3 * i + 1] & 0xff) << 8 | (rgb[3 * i + 2] & 0xff);
        }
        out.setRGB(0, 0, image.width(), image.height(), pixels, 0, image.width());
        return out;
    }
}
