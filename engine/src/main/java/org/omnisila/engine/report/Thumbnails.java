package org.omnisila.engine.report;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.omnisila.engine.video.FrameReader;
import org.omnisila.engine.video.RgbImage;

/** JPEG thumbnails of a video's frames at given times, read with exact seeks; one open reader, closed at the end. */
final class Thumbnails implements AutoCloseable {
    private final FrameReader reader;
    private final int width;

    /**
     * @param video the file
     * @param width thumbnail width in pixels; the height keeps the frame's aspect
     * @throws org.omnisila.engine.video.VideoFormatException when the file cannot be opened
     */
    Thumbnails(Path video, int width) {
        this.reader = FrameReader.open(video);
        this.width = width;
    }

    /** @return the JPEG bytes of the frame shown at {@code seconds} */
    byte[] at(double seconds) {
        RgbImage image = reader.frameAt(seconds).image();
        int height = Math.max(2, Math.round(image.height() * (float) width / image.width()));
        try (Mat rgb = new Mat(image.height(), image.width(), CV_8UC3); Mat bgr = new Mat(); Mat small = new Mat();
             BytePointer out = new BytePointer(); IntPointer quality = new IntPointer(IMWRITE_JPEG_QUALITY, 85)) {
            try (BytePointer data = rgb.data()) {
                data.put(image.rgb());
            }
            cvtColor(rgb, bgr, COLOR_RGB2BGR);
            resize(bgr, small, new Size(width, height), 0, 0, INTER_AREA);
            if (!imencode(".jpg", small, out, quality)) {
                throw new IllegalStateException("OpenCV could not encode a JPEG");
            }
            byte[] jpeg = new byte[(int) out.limit()];
            out.get(jpeg);
            return jpeg;
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
