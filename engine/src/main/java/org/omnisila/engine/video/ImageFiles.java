package org.omnisila.engine.video;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Still images (an export's frame folders: JPEG or PNG) read into {@link RgbImage}s through OpenCV, the same
 * library that decodes the videos (the engine keeps clear of {@code java.awt}, which drags in a UI toolkit).
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * @param file a JPEG, PNG or other image OpenCV reads; grey and alpha images become RGB
     * @return its pixels, upright as stored (EXIF orientation is not applied)
     * @throws VideoFormatException naming the file when it is missing or not a readable image
     */
    public static RgbImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new VideoFormatException(file, "image not found");
        }
        try (Mat bgr = imread(file.toString(), IMREAD_COLOR); Mat rgb = new Mat()) {
            if (bgr.empty()) {
                throw new VideoFormatException(file, "not an image OpenCV can read (PNG or JPEG expected)");
            }
            cvtColor(bgr, rgb, COLOR_BGR2RGB);
            byte[] out = new byte[(int) (rgb.total() * rgb.channels())];
            rgb.data().get(out);
            return new RgbImage(rgb.cols(), rgb.rows(), out);
        }
    }
}
