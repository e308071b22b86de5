package org.omnisila.engine.scene;

import java.util.List;
import org.omnisila.engine.video.RgbImage;

/** Finds faces in a frame. Holds a native model: not for concurrent use; close it. */
public interface FaceDetector extends AutoCloseable {

    /**
     * @param image a frame
     * @return its faces in the frame's pixels, best first
     */
    List<FaceDetection> detect(RgbImage image);

    /** @return a short name for messages and benchmarks, e.g. {@code BlazeFace short range} */
    String name();

    @Override
    void close();
}
