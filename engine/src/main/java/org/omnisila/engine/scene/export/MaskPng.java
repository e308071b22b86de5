package org.omnisila.engine.scene.export;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.omnisila.engine.vision.SelfieSegmenter;

/**
 * A person mask as a PNG the size of the frame: 8-bit grey, one channel, {@code round(255 * p)} where p is the
 * person probability. The selfie model sees the whole frame stretched to 256x256, so its 256x256 mask is stretched
 * back to the frame's width and height (bilinear).
 */
public final class MaskPng {

    private MaskPng() {
    }

    /** @return e.g. {@code seg0003_f5.png} for segment 3, frame 5 */
    public static String name(int segment, int frame) {
        return String.format(Locale.ROOT, "seg%04d_f%d.png", segment, frame);
    }

    /**
     * @param dir where the masks go, each under its {@link #name}
     * @return a sink writing each mask there and naming it {@code masks/NAME} (where the exporter moves it)
     */
    public static MaskSink into(Path dir) {
        return (segment, frame, mask, width, height) -> {
            String name = name(segment, frame);
            write(mask, width, height, dir.resolve(name));
            return SceneCueExporter.MASKS + "/" + name;
        };
    }

    /**
     * @param mask   [{@link SelfieSegmenter#SIZE} * SIZE] person probabilities, row-major
     * @param width  the frame's width, pixels
     * @param height the frame's height, pixels
     * @param file   the PNG to write (replaced)
     */
    public static void write(float[] mask, int width, int height, Path file) throws IOException {
        int side = SelfieSegmenter.SIZE;
        if (mask.length != side * side) {
            throw new IllegalArgumentException("a mask of " + side + "x" + side + " values is needed, got "
                    + mask.length);
        }
        byte[] png;
        try (Mat probabilities = new Mat(side, side, CV_32F);
                Mat stretched = new Mat();
                Mat grey = new Mat();
                Size size = new Size(width, height);
                BytePointer encoded = new BytePointer()) {
            ((FloatBuffer) probabilities.createBuffer()).put(mask);
            resize(probabilities, stretched, size, 0, 0, INTER_LINEAR);
            stretched.convertTo(grey, CV_8U, 255, 0); // rounds and clips to 0..255
            if (!imencode(".png", grey, encoded)) {
                throw new IOException("OpenCV could not encode the mask for " + file + " as PNG");
            }
            png = new byte[(int) encoded.limit()];
            encoded.get(png);
        }
        Files.write(file, png);
    }
}
